using System.Security.Cryptography;

namespace Adhere.Web.Catalogue;

/// <summary>
/// Keeps an uploaded catalogue file between its preview and the administrator's confirmation, so that the file is
/// not sent twice. Files live in a private temporary folder under a random name and are removed on import or after
/// an hour. One web server only: behind a load balancer the confirmation must reach the same instance.
/// </summary>
public sealed class PendingUploads(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "adhere-uploads")).FullName;

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var file = File.Create(PathOf(id));
        await content.CopyToAsync(file, ct);
        return id;
    }

    /// <summary>Opens a pending upload, or null when the ID is unknown or expired.</summary>
    public FileStream? Open(string? id)
    {
        if (id is null || id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var path = PathOf(id);
        if (!File.Exists(path) || time.GetUtcNow() - File.GetLastWriteTimeUtc(path) > Lifetime) return null;
        return File.OpenRead(path);
    }

    public void Delete(string id)
    {
        if (id.Length == 32 && id.All(char.IsAsciiHexDigitLower)) File.Delete(PathOf(id));
    }

    private string PathOf(string id) => Path.Combine(folder, id + ".upload");

    private void Sweep()
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.upload"))
        {
            if (time.GetUtcNow() - File.GetLastWriteTimeUtc(file) > Lifetime)
            {
                try { File.Delete(file); } catch (IOException) { }
            }
        }
    }
}
