using System.Net.Http.Json;
using Adhere.Core.Monitoring;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Declarations;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The monitoring job against a verified declaration, with e-mails to a real SMTP server.</summary>
public sealed class MonitoringJobTests
{
    private static async Task<RunMonitoringJobs.Report> RunAsync(AdhereAppFactory app, bool force = true) =>
        await app.WithSystemAsync(sp => sp.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), force, CancellationToken.None));

    private static Task<string> StatusAsync(AdhereAppFactory app, Guid id) =>
        app.WithSystemAsync(async sp => (await sp.GetRequiredService<AdhereDb>().Declarations.AsNoTracking().SingleAsync(d => d.Id == new DeclarationId(id))).Status.ToString());

    /// <summary>A verified declaration whose validity ends in <paramref name="daysLeft"/> days, with a certificate expiring in <paramref name="certificateDays"/>.</summary>
    private static async Task<(DeclarationScenario Scenario, Guid Id, DateOnly ValidUntil)> VerifiedAsync(AdhereAppFactory app, int daysLeft, int certificateDays)
    {
        var s = await DeclarationScenario.CreateAsync(app);
        var id = DeclarationScenario.IdOf(await s.StartAsync());
        await HttpAssert.JsonAsync(await s.Client.PostAsJsonAsync($"/api/v1/declarations/{id}/certificates", s.Certificate(expiresInDays: certificateDays)),
            System.Net.HttpStatusCode.Created);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var validUntil = today.AddDays(daysLeft);
        await s.MarkVerifiedAsync(id, validUntil.AddYears(-1).AddDays(1));
        return (s, id, validUntil);
    }

    [Fact]
    public async Task Run_RenewalWindowReminderAndExpiry_EachHappenOnceAndMailTheProvider()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        var (s, id, validUntil) = await VerifiedAsync(app, daysLeft: 80, certificateDays: 2000);

        var first = await RunAsync(app);
        var reminder = await app.WaitForMailAsync(m => (m.Headers["Subject"] ?? string.Empty).StartsWith("Renewal due:", StringComparison.Ordinal));
        var again = await RunAsync(app);

        Assert.Equal((true, 1, 1, 0), (first.Ran, first.Reminders, first.MarkedRenewalDue, first.Expired));
        Assert.Equal("RenewalDue", await StatusAsync(app, id));
        Assert.Contains(reminder.ToAddresses, a => string.Equals(a.Address, s.Editor.Email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"https://adhere.test/portal/declarations/{id}", reminder.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Equal((0, 0), (again.Reminders, again.MarkedRenewalDue)); // the 90-day reminder went out once

        app.Time.Advance(TimeSpan.FromDays(50)); // 30 days left
        var thirty = await RunAsync(app);
        app.Time.Advance(TimeSpan.FromDays(31)); // the day after the last valid day
        var lapse = await RunAsync(app);
        await app.WaitForMailAsync(m => (m.Headers["Subject"] ?? string.Empty).StartsWith("Verification expired:", StringComparison.Ordinal));

        Assert.Equal(1, thirty.Reminders);
        Assert.Equal(1, lapse.Expired);
        Assert.Equal("Expired", await StatusAsync(app, id));
        Assert.Equal(2, app.Smtp.ReceivedEmail.Count(m => (m.Headers["Subject"] ?? string.Empty).StartsWith("Renewal due:", StringComparison.Ordinal)));
        Assert.True(validUntil < DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Run_CertificateExpiringWithinValidity_WarnsOnceThenAgainWhenItHasExpired()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        await VerifiedAsync(app, daysLeft: 300, certificateDays: 100);

        var first = await RunAsync(app);
        var second = await RunAsync(app);
        app.Time.Advance(TimeSpan.FromDays(101));
        var expired = await RunAsync(app);

        Assert.Equal(1, first.CertificateWarnings);
        Assert.Equal(0, second.CertificateWarnings);
        Assert.Equal(1, expired.CertificateWarnings);
        await app.WaitForMailAsync(m => m.MessageParts[0].BodyData.Contains("no longer backed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OnSeveralInstancesAtOnce_RunsOncePerInterval()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        await RunAsync(app); // the lease row exists from here on
        app.Time.Advance(TimeSpan.FromHours(2));

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", $"instance");
            return await scope.ServiceProvider.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), force: false, CancellationToken.None);
        })));
        var soonAfter = await RunAsync(app, force: false);

        Assert.Single(runs, r => r.Ran);
        Assert.False(soonAfter.Ran);
    }
}
