using Adhere.BrowserTests.Infrastructure;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Web.Tests.Declarations;
using Adhere.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Adhere.BrowserTests.Accessibility;

/// <summary>The public pages' checks share one server, one Chromium, one page and one set of register entries.</summary>
[CollectionDefinition(Name)]
public sealed class PublicSiteGroup : ICollectionFixture<PublicSite>
{
    public const string Name = "Public site";
}

/// <summary>Register entries in every state a visitor can meet, and the catalogue they were declared against.</summary>
public sealed record PublicSiteData(RegisterScenario Valid, string ExpiredId, string SuspendedId, string RevokedId, Guid CatalogueId, string ControlKey);

/// <summary>
/// A server of its own (not the assembly's <see cref="AdhereServer"/>), because making an expired entry moves the app's
/// clock 400 days and other journeys should not find themselves in the future. Entries are made on first use, after
/// the browser has started, so that a machine without Chromium skips quickly.
/// </summary>
public sealed class PublicSite : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<string> foreign = [];
    private IBrowserContext? context;
    private IPage? page;
    private PublicSiteData? data;
    private string? answerKey;

    public AdhereServer Server { get; } = new();

    public ChromiumFixture Chromium { get; } = new();

    /// <summary>Requests the pages made to anything but the test server; axe-core must come from the package, not the network.</summary>
    public IReadOnlyCollection<string> ForeignRequests
    {
        get
        {
            lock (foreign) return [.. foreign];
        }
    }

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        await Chromium.InitializeAsync();
    }

    /// <summary>The shared page, created on first use (skips the test when Chromium is missing).</summary>
    public async Task<IPage> PageAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (page is not null) return page;
            context = await Chromium.NewContextAsync(Server);
            // Everything outside the test server is refused and remembered: the checks must work offline.
            var origin = Server.BaseAddress.GetLeftPart(UriPartial.Authority);
            await context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal), async route =>
            {
                lock (foreign) foreign.Add(route.Request.Url);
                await route.AbortAsync();
            });
            page = await context.NewPageAsync();
            return page;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<PublicSiteData> DataAsync()
    {
        await gate.WaitAsync();
        try
        {
            return data ??= await CreateDataAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PublicSiteData> CreateDataAsync()
    {
        var app = Server.App;
        var expired = await RegisterScenario.ListedAsync(app);
        await RegisterScenario.ExpireAllAsync(app);
        var valid = await RegisterScenario.ListedAsync(app);

        // Suspended and revoked entries need no assessment of their own: verifications recorded as a migration would,
        // then suspended and revoked through the domain's lifecycle as a decision maker would (no use case for it yet).
        var provider = await DeclarationScenario.CreateAsync(app);
        var suspended = DeclarationScenario.IdOf(await provider.StartAsync(services: [provider.ServiceA]));
        var revoked = DeclarationScenario.IdOf(await provider.StartAsync(services: [provider.ServiceB]));
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var suspendedId = $"{today.Year}LVL02SUSPENDED001";
        var revokedId = $"{today.Year}LVL02REVOKED001";
        await provider.MarkVerifiedAsync(suspended, today, suspendedId);
        await provider.MarkVerifiedAsync(revoked, today, revokedId);
        var catalogue = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            foreach (var (declaration, trigger) in new[] { (suspended, DeclarationTrigger.Suspend), (revoked, DeclarationTrigger.Revoke) })
            {
                var id = new DeclarationId(declaration);
                var entity = await db.Declarations.IgnoreQueryFilters().FirstAsync(d => d.Id == id);
                var fired = entity.Fire(trigger, Role.MbDecisionMaker, app.Time.GetUtcNow());
                Assert.False(fired.IsError, fired.IsError ? fired.Error!.Message : "");
            }

            await db.SaveChangesAsync();
            var code = valid.Assessment.Declarations.Code;
            return await db.Catalogues.IgnoreQueryFilters().Where(c => c.Name == code).Select(c => c.Id).SingleAsync();
        });
        return new PublicSiteData(valid, expired.VerificationId, suspendedId, revokedId, catalogue.Value, "5.1.A");
    }

    /// <summary>The key of a question put to a complainant (made on first use), read from the e-mail queued for them.</summary>
    public async Task<string> ComplaintAnswerKeyAsync()
    {
        await gate.WaitAsync();
        try
        {
            return answerKey ??= await Server.App.WithSystemAsync(async sp =>
            {
                var email = $"axe-{Guid.NewGuid():N}@example.org";
                var filed = await sp.GetRequiredService<Adhere.Core.Complaints.SubmitComplaint>().HandleAsync(new(null, "Axe Cloud", null, "customer", null,
                    email, false, "They kept my data after the contract ended."), CancellationToken.None);
                var reference = filed.Value.Reference;
                await sp.GetRequiredService<Adhere.Core.Complaints.MoveComplaint>().HandleAsync(
                    new(reference, Adhere.Domain.Complaints.ComplaintTrigger.StartAdmissibilityCheck), CancellationToken.None);
                var asked = await sp.GetRequiredService<Adhere.Core.Complaints.Investigation.AskComplaintQuestion>().HandleAsync(
                    new(reference, "complainant", "Which contract do you mean, and when did it end?"), CancellationToken.None);
                Assert.False(asked.IsError, asked.IsError ? asked.Error!.Message : "");
                var body = await sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking()
                    .Where(m => m.Topic == "complaint.question-asked" && m.To == email).Select(m => m.Body).SingleAsync();
                var start = body.IndexOf("caq_", StringComparison.Ordinal);
                return new string([.. body[start..].TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')]);
            });
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (context is not null) await context.DisposeAsync();
        await Chromium.DisposeAsync();
        await Server.DisposeAsync();
        gate.Dispose();
    }
}
