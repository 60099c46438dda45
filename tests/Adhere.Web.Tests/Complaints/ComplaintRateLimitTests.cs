using System.Net;
using System.Net.Http.Json;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The app allowing two complaints per hour from one address, with other complaint targets (2 working days, 1 month).</summary>
public sealed class TwoComplaintsAnHourAppFactory : AdhereAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Complaints:RateLimit:PermitLimit", "2");
        builder.UseSetting("Complaints:RateLimit:WindowSeconds", "3600");
        builder.UseSetting("Complaints:AcknowledgeWorkingDays", "2");
        builder.UseSetting("Complaints:DecisionMonths", "1");
    }
}

public sealed class ComplaintRateLimitTests(TwoComplaintsAnHourAppFactory app) : IClassFixture<TwoComplaintsAnHourAppFactory>
{
    [Fact]
    public async Task Submit_BeyondTheLimit_Returns429WithRetryAfterAndWritesNothing()
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        var first = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token)), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token)), HttpStatusCode.Created);
        // The targets follow the Complaints settings.
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        Assert.Equal(Adhere.Domain.Complaints.ComplaintClocks.AddWorkingDays(today, 2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            first.GetProperty("acknowledgeBy").GetString());
        Assert.Equal(today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("decideBy").GetString());

        var before = await ComplaintScenario.SnapshotAsync(app);
        using var refused = await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "complaint.rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));

        // Reading stays possible: the form token and the status lookup count against the public read limit only.
        using var read = await client.GetAsync(new Uri("/api/v1/complaints/form-token", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var form = await client.GetAsync(new Uri("/complaints/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
