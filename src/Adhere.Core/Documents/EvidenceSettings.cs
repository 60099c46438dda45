using Adhere.Core.Persistence;
using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Documents;

/// <summary>
/// Reads <c>Evidence:MaxUploadBytes</c> (default 25 MB) and <c>Evidence:StoragePath</c> (default <c>data/evidence</c>);
/// a relative path is resolved against <see cref="DatabaseSettings.DataDirectory"/>, so the web host and the CLI
/// of one checkout share the store as they share the SQLite file.
/// </summary>
public sealed record EvidenceSettings(long MaxUploadBytes, string StoragePath)
{
    public const long DefaultMaxUploadBytes = 25L * 1024 * 1024;

    public const string DefaultStoragePath = "data/evidence";

    public static EvidenceSettings From(IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var max = configuration.GetValue("Evidence:MaxUploadBytes", DefaultMaxUploadBytes);
        if (max <= 0) throw new InvalidOperationException("Evidence:MaxUploadBytes must be a positive number of bytes.");
        var path = configuration["Evidence:StoragePath"];
        if (string.IsNullOrWhiteSpace(path)) path = DefaultStoragePath;
        if (!Path.IsPathRooted(path)) path = Path.GetFullPath(Path.Combine(DatabaseSettings.DataDirectory(baseDirectory), path));
        return new(max, path);
    }
}
