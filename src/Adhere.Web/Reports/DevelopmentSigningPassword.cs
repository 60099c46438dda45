using System.Security.Cryptography;
using Adhere.Core.Reports.Signing;

namespace Adhere.Web.Reports;

/// <summary>
/// In Development only, when <c>Signing:KeyPassword</c> is not set: a random password made once per checkout and kept
/// in <c>data/signing-key-password</c> (readable by the owner only), so the demo issues signed reports out of the box.
/// Not a built-in password: each installation gets its own, and other environments still require the setting (ADR 0015).
/// </summary>
public static class DevelopmentSigningPassword
{
    public const string FileName = "signing-key-password";

    public static SigningSettings LoadOrCreate(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            // CreateNew: when two processes start at once, the second reads what the first wrote.
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(password);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        var text = File.ReadAllText(path).Trim();
        return new SigningSettings(text.Length == 0 ? null : text);
    }
}
