using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Adhere.Core.Accounts;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Web.Tests.Infrastructure;

/// <summary>
/// The real web host on a fresh database of the chosen provider, migrated through the real migrations.
/// Time is a <see cref="FakeTimeProvider"/> starting now, so tests can move it (token expiry, lockout).
/// Helpers create organisations, users and tokens through the same use cases the product uses.
/// </summary>
public partial class AdhereAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Correct-Horse-42-Battery";

    /// <summary>PBKDF2 rounds for test passwords; see <see cref="ConfigureWebHost"/>.</summary>
    public const int TestPasswordHashIterations = 1_000;

    private TestDatabase? database;
    private bool ownsDatabase = true;

    /// <summary>
    /// The app's clock, started half a second past a whole second: PostgreSQL keeps microseconds, so finer ticks would
    /// not survive a round trip; and sign-in cookies record their issue time in whole seconds, so the security stamp
    /// check (interval zero) sees time has passed and re-validates a disabled user's session, as on a real clock.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()).AddMilliseconds(500));

    public TestDatabase Database => database ?? throw new InvalidOperationException("The factory is not initialised.");

    /// <summary>This instance's evidence store, a temporary folder deleted on dispose.</summary>
    public string EvidencePath { get; } = Path.Combine(Path.GetTempPath(), $"adhere-evidence-{Guid.NewGuid():N}");

    /// <summary>A real SMTP server on a free local port; the app sends its outbox there every second.</summary>
    public netDumbster.smtp.SimpleSmtpServer Smtp { get; } = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();

    /// <summary>
    /// Another app instance on <paramref name="first"/>'s database (a second web server of the same installation), with
    /// its own services, clock and SMTP server. It leaves the database to <paramref name="first"/>.
    /// </summary>
    public static AdhereAppFactory SecondInstanceOf(AdhereAppFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new AdhereAppFactory { database = first.Database, ownsDatabase = false };
    }

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateMigratedAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        if (database is not null && ownsDatabase) await database.DisposeAsync();
        if (Directory.Exists(EvidencePath)) Directory.Delete(EvidencePath, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("ConnectionStrings:Adhere", Database.ConnectionString);
        builder.UseSetting("Demo:SeedOnFirstStart", "false");
        builder.UseSetting("Evidence:StoragePath", EvidencePath);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:StartTls", "never");
        builder.UseSetting("Mail:PollSeconds", "1");
        builder.UseSetting("Mail:LinkBase", "https://adhere.test");
        builder.UseSetting("Monitoring:IntervalMinutes", "0"); // tests run the job themselves
        builder.UseSetting("Signing:KeyPassword", "test-signing-key-password");
        // Every test client shares one address; RateLimitTests use their own factory with a tiny limit.
        builder.UseSetting("Register:RateLimit:PermitLimit", "1000000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            // The real hasher with fewer PBKDF2 rounds: the default's 100,000 spent a fifth of the suite's CPU on
            // test passwords. Production keeps the default (AccountsHashingTests checks it).
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashIterations);
        });
    }

    /// <summary>
    /// Under Kestrel (<c>UseKestrel</c>, which registers its server after the app's own services) the front door goes
    /// back in front of it, as in the product (ADR 0032). The test server stays bare: the factory needs it as it is.
    /// </summary>
    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices((_, services) =>
        {
            var server = services.LastOrDefault(d => d.ServiceType == typeof(Microsoft.AspNetCore.Hosting.Server.IServer));
            if (server?.ImplementationType != typeof(TestServer)) Adhere.Web.Infrastructure.FrontDoorServer.Decorate(services);
        });
        return base.CreateHost(builder);
    }

    /// <summary>Runs <paramref name="work"/> in a scope acting as the system (as the CLI does).</summary>
    public async Task<T> WithSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("test", "test setup");
        return await work(scope.ServiceProvider);
    }

    public Task WithSystemAsync(Func<IServiceProvider, Task> work) =>
        WithSystemAsync<bool>(async sp =>
        {
            await work(sp);
            return true;
        });

    /// <summary>The installation's Monitoring Body, created on first use.</summary>
    public async Task<OrganisationDetails> MonitoringBodyAsync() =>
        await WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            var mb = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.MonitoringBody);
            if (mb is not null) return (await sp.GetRequiredService<OrganisationQueries>().GetAsync(mb.Id.Value, CancellationToken.None)).Value;
            var created = await sp.GetRequiredService<CreateOrganisation>().HandleAsync(new("Test Monitoring Body", "mb"), CancellationToken.None);
            return created.Value;
        });

    public Task<OrganisationDetails> CreateProviderAsync(string? name = null) =>
        WithSystemAsync(async sp =>
        {
            var created = await sp.GetRequiredService<CreateOrganisation>()
                .HandleAsync(new(name ?? $"Provider {Guid.NewGuid():N}", "csp"), CancellationToken.None);
            return created.IsError ? throw new InvalidOperationException(created.Error!.Message) : created.Value;
        });

    /// <summary>Creates an active user with <see cref="Password"/>; MB roles join the Monitoring Body.</summary>
    public async Task<TestUser> CreateUserAsync(Role role, OrganisationDetails? organisation = null)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.IsMonitoringBodyRole) await MonitoringBodyAsync();
        var email = $"{role.Name}-{Guid.NewGuid():N}@test.example";
        var created = await WithSystemAsync(sp => sp.GetRequiredService<AddUser>()
            .HandleAsync(new(email, role.Name, organisation?.Id.ToString(), Password), CancellationToken.None));
        if (created.IsError) throw new InvalidOperationException(created.Error!.Message);
        return new TestUser(created.Value.Id, email, role, created.Value.OrganisationId);
    }

    /// <summary>Issues an API token for <paramref name="user"/> (acting as that user) and returns the secret.</summary>
    public Task<(Guid Id, string Secret)> CreateTokenAsync(TestUser user, int days = 30, string name = "test")
    {
        ArgumentNullException.ThrowIfNull(user);
        return WithUserAsync(user, async sp =>
        {
            var created = await sp.GetRequiredService<CreateApiToken>().HandleAsync(new(name, null, days), CancellationToken.None);
            return created.IsError ? throw new InvalidOperationException(created.Error!.Message) : (created.Value.Token.Id, created.Value.Secret);
        });
    }

    public async Task<T> WithUserAsync<T>(TestUser user, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsUser(user.Id, user.Email, user.OrganisationId,
            user.Role.IsMonitoringBodyRole, [user.Role.Name]);
        return await work(scope.ServiceProvider);
    }

    /// <summary>An API client authenticated by a fresh token of <paramref name="user"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(TestUser user)
    {
        var (_, secret) = await CreateTokenAsync(user);
        return ApiClient(secret);
    }

    public HttpClient ApiClient(string? secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false });
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A browser-like client (cookies, no auto-redirect), signed in through the real sign-in form.</summary>
    public async Task<PageClient> SignInAsync(TestUser user, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var page = AnonymousPageClient();
        var response = await page.PostFormAsync("/account/signin", "/account/signin", new() { ["Email"] = user.Email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {user.Email} failed: {(int)response.StatusCode}");
        }

        return page;
    }

    public PageClient AnonymousPageClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Waits (up to ten seconds) for a message that the test SMTP server received and <paramref name="match"/> accepts.</summary>
    public async Task<netDumbster.smtp.SmtpMessage> WaitForMailAsync(Func<netDumbster.smtp.SmtpMessage, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        for (var i = 0; i < 100; i++)
        {
            var found = Smtp.ReceivedEmail.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching e-mail arrived; received: {string.Join(" | ", Smtp.ReceivedEmail.Select(m => m.Headers["Subject"]))}");
    }

    public Task<int> AuditCountAsync() =>
        WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.CountAsync());
}

public sealed record TestUser(UserId Id, string Email, Role Role, OrganisationId OrganisationId);

/// <summary>Posts forms the way a browser does: first GET the page, then POST with its antiforgery token.</summary>
public sealed partial class PageClient(HttpClient client) : IDisposable
{
    public HttpClient Http { get; } = client;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public async Task<string> AntiforgeryTokenAsync(string formPage)
    {
        var html = await Http.GetStringAsync(formPage);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {formPage}.");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(formPage);
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
