using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The app with a complaint limit high enough for a test class that files many complaints from one address.</summary>
public sealed class ComplaintsAppFactory : AdhereAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Complaints:RateLimit:PermitLimit", "1000000");
    }
}

/// <summary>Shared steps of the complaint tests: tokens that are old enough, filing, and what a failed filing must leave unchanged.</summary>
public static class ComplaintScenario
{
    public const string Conduct = "The provider kept our backups for a year after the contract ended, against its own retention statement.";

    /// <summary>A form token from the API, with the app's clock moved past the minimum age.</summary>
    public static async Task<string> FormTokenAsync(AdhereAppFactory app, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(client);
        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/api/v1/complaints/form-token", UriKind.Relative)));
        app.Time.Advance(TimeSpan.FromSeconds(5));
        return json.GetProperty("token").GetString()!;
    }

    /// <summary>A complaint body for the API; anonymous unless <paramref name="email"/> is given.</summary>
    public static Dictionary<string, object?> Body(string token, string? email = null, string? company = "Acme Cloud", string? verificationId = null,
        string? conduct = Conduct, string? role = "customer", string? name = null) => new()
        {
            ["verificationId"] = verificationId,
            ["company"] = company,
            ["service"] = "Acme Backup",
            ["role"] = role,
            ["name"] = name,
            ["email"] = email,
            ["mayRevealToProvider"] = false,
            ["conduct"] = conduct,
            ["formToken"] = token,
        };

    /// <summary>Files a complaint through the API and returns the 201 answer.</summary>
    public static async Task<JsonElement> FileAsync(AdhereAppFactory app, string? email = null, string? verificationId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.ApiClient(null);
        var token = await FormTokenAsync(app, client);
        return await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints", Body(token, email, verificationId: verificationId)),
            System.Net.HttpStatusCode.Created);
    }

    /// <summary>Everything a refused filing must leave as it was: complaints, attachments, outbox, audit trail and reference counters.</summary>
    public static Task<string> SnapshotAsync(AdhereAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var counters = string.Join(";", await db.VerificationCounters.AsNoTracking().OrderBy(c => c.BodyCode).Select(c => c.BodyCode + "=" + c.Next).ToListAsync());
            var complaints = await db.Complaints.CountAsync();
            var attachments = await db.ComplaintAttachments.CountAsync();
            var outbox = await db.OutboxMessages.CountAsync();
            var audit = await db.AuditEvents.CountAsync();
            return string.Create(CultureInfo.InvariantCulture, $"{complaints}|{attachments}|{outbox}|{audit}|{counters}");
        });
    }
}
