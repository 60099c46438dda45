using Microsoft.Extensions.Configuration;

namespace Adhere.Core.Mail;

/// <summary>
/// Outgoing mail: <c>Mail:Host</c> (no host: messages wait in the outbox and nothing is sent), <c>Mail:Port</c> (25),
/// <c>Mail:From</c>, <c>Mail:StartTls</c> (<c>auto</c>, <c>always</c> or <c>never</c>), optional <c>Mail:UserName</c> and
/// <c>Mail:Password</c>, <c>Mail:PollSeconds</c> (15), and <c>Mail:MonitoringBodyAddress</c>, where notices for the
/// Monitoring Body go (without it, to every active MB administrator and assessor), and <c>Mail:LinkBase</c>, the
/// installation's public address that links in messages start with (default <c>http://localhost:5000</c>).
/// </summary>
public sealed record MailSettings(string? Host, int Port, string Sender, string StartTls, string? UserName, string? Password, int PollSeconds,
    string? MonitoringBodyAddress, string LinkBase)
{
    public static MailSettings Disabled { get; } = new(null, 25, "adhere@localhost", "auto", null, null, 15, null, "http://localhost:5000");

    /// <summary>An absolute link to <paramref name="path"/> on this installation.</summary>
    public string Link(string path) => LinkBase.TrimEnd('/') + "/" + (path ?? string.Empty).TrimStart('/');

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    public static MailSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Mail");
        var port = section.GetValue("Port", 25);
        if (port is < 1 or > 65535) throw new InvalidOperationException("Mail:Port must be a TCP port (1–65535).");
        var poll = section.GetValue("PollSeconds", 15);
        if (poll < 1) throw new InvalidOperationException("Mail:PollSeconds must be at least 1.");
        var tls = (section["StartTls"] ?? "auto").Trim().ToUpperInvariant();
        if (tls is not ("AUTO" or "ALWAYS" or "NEVER")) throw new InvalidOperationException("Mail:StartTls must be auto, always or never.");
        return new MailSettings(section["Host"], port, section["From"] ?? Disabled.Sender, tls.ToLowerInvariant(), section["UserName"], section["Password"], poll,
            section["MonitoringBodyAddress"], section["LinkBase"] ?? Disabled.LinkBase);
    }
}
