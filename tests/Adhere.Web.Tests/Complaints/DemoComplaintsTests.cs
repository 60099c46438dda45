using System.Globalization;
using System.Net;
using System.Text.Json;
using Adhere.Core.Demo;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>The app with the whole demo seeded once, on first use.</summary>
public sealed class DemoAppFactory : AdhereAppFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool seeded;

    public async Task EnsureSeededAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (seeded) return;
            var result = await WithSystemAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync(null, CancellationToken.None));
            Assert.False(result.IsError, result.Error?.Message);
            seeded = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        gate.Dispose();
        await base.DisposeAsync();
    }
}

public sealed class DemoComplaintsTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> StaffAsync()
    {
        await app.EnsureSeededAsync();
        return await app.ApiClientAsync(await app.CreateUserAsync(Role.MbDecisionMaker));
    }

    private static async Task<List<JsonElement>> CasesAsync(HttpClient client)
    {
        var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/v1/complaints", Ct));
        var cases = new List<JsonElement>();
        foreach (var item in list.EnumerateArray())
        {
            cases.Add(await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/{item.GetProperty("reference").GetString()}", Ct)));
        }

        return cases;
    }

    private static string Status(JsonElement c) => c.GetProperty("summary").GetProperty("status").GetString()!;

    private static DateTimeOffset Instant(JsonElement c, string name) => c.GetProperty(name).GetDateTimeOffset();

    [Fact]
    public async Task Demo_Complaints_CoverEveryStageAndAnOverdueAcknowledgement()
    {
        using var client = await StaffAsync();

        var cases = await CasesAsync(client);

        Assert.Equal(["admissibility-check", "closed", "decided", "dismissed", "investigation", "received"], cases.Select(Status).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(cases, c => c.GetProperty("summary").GetProperty("acknowledgementOverdue").GetBoolean());
        Assert.Contains(cases, c => c.GetProperty("summary").GetProperty("anonymous").GetBoolean());
        Assert.Contains(cases, c => c.GetProperty("finding").GetString() == "founded");
        Assert.All(cases, c => Assert.True(c.GetProperty("summary").GetProperty("receivedAt").GetDateTimeOffset() < app.Time.GetUtcNow().AddDays(-1)));
    }

    [Fact]
    public async Task Summary_OfTheDemoYear_MatchesTheCasesCountedOneByOne()
    {
        using var client = await StaffAsync();
        var year = app.Time.GetUtcNow().UtcDateTime.Year;
        var cases = (await CasesAsync(client)).Where(c => Instant(c.GetProperty("summary"), "receivedAt").UtcDateTime.Year == year).ToList();
        var outcomes = cases
            .Select(c => c.GetProperty("decidedAt").ValueKind == JsonValueKind.String ? Instant(c, "decidedAt")
                : Status(c) == "dismissed" ? Instant(c, "endedAt") : (DateTimeOffset?)null)
            .Zip(cases, (outcome, c) => outcome is { } at ? (at - Instant(c.GetProperty("summary"), "receivedAt")).TotalDays : (double?)null)
            .OfType<double>().Order().ToList();
        var expectedMedian = outcomes.Count % 2 == 1 ? outcomes[outcomes.Count / 2] : (outcomes[(outcomes.Count / 2) - 1] + outcomes[outcomes.Count / 2]) / 2;

        var figures = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/summary/{year}", Ct));

        Assert.Equal(cases.Count, figures.GetProperty("received").GetInt32());
        Assert.Equal(cases.Count(c => Status(c) is "investigation" or "decided" or "closed"), figures.GetProperty("admissible").GetInt32());
        Assert.Equal(cases.Count(c => Status(c) == "dismissed"), figures.GetProperty("dismissed").GetInt32());
        Assert.Equal(cases.Count(c => c.GetProperty("finding").GetString() == "founded"), figures.GetProperty("founded").GetInt32());
        Assert.Equal(cases.Count(c => c.GetProperty("finding").GetString() == "unfounded"), figures.GetProperty("unfounded").GetInt32());
        Assert.Equal(cases.Count(c => Status(c) is "received" or "admissibility-check" or "investigation"), figures.GetProperty("stillOpen").GetInt32());
        Assert.Equal(Math.Round(expectedMedian, 1, MidpointRounding.AwayFromZero), figures.GetProperty("medianDaysToOutcome").GetDouble());
        // The demo acknowledges every complaint it acknowledges two days after receipt.
        Assert.Equal(2.0, figures.GetProperty("medianDaysToAcknowledge").GetDouble());
        Assert.True(figures.GetProperty("acknowledgedLate").GetInt32() >= 1);
        var csv = await client.GetStringAsync($"/api/v1/complaints/summary/{year}.csv", Ct);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{year},received,,{cases.Count}\n"), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_FoundedComplaints_EndInACorrectiveActionAndASuspensionShownInTheRegister()
    {
        using var client = await StaffAsync();
        var cases = await CasesAsync(client);

        var measures = cases.SelectMany(c => c.GetProperty("measures").EnumerateArray()).ToList();
        var suspension = Assert.Single(measures, m => m.GetProperty("key").GetString() == "suspension");
        Assert.Single(measures, m => m.GetProperty("key").GetString() == "corrective-action");
        var verificationId = suspension.GetProperty("verificationId").GetString()!;
        using var anonymous = app.ApiClient(null);
        var status = await HttpAssert.JsonAsync(await anonymous.GetAsync($"/api/v1/register/verifications/{verificationId}", Ct));
        Assert.Equal("suspended", status.GetProperty("status").GetString());
        Assert.Single(cases.SelectMany(c => c.GetProperty("notices").EnumerateArray()));
        var year = app.Time.GetUtcNow().UtcDateTime.Year;
        var figures = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/complaints/summary/{year}", Ct));
        var byKind = figures.GetProperty("measuresByKind").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("count").GetInt32());
        Assert.Equal(1, byKind["suspension"]);
        Assert.Equal(1, byKind["corrective-action"]);
        Assert.Contains(cases, c => c.GetProperty("investigation").GetProperty("questions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task SummaryPage_AsDemoStaff_Renders()
    {
        await app.EnsureSeededAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.MbAssessor));

        var response = await page.GetAsync("/console/complaints/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("chart-outcomes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
