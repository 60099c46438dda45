using System.Net;
using Adhere.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Adhere.Web.Register;

/// <summary>
/// Registered only in the host that <c>adhere register export</c> starts, never on the live site, so nobody can ask the
/// live site for this rendering: the register index then lists every entry without the search form, and every page
/// says when the static copy was made.
/// </summary>
public sealed record StaticRegisterCopy(DateTimeOffset GeneratedAt)
{
    /// <summary>The marker of the current request's host; null on the live site.</summary>
    public static StaticRegisterCopy? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetService<StaticRegisterCopy>();
    }
}

/// <summary>
/// The web app itself, started in-process on a free loopback port with the caller's settings and clock and
/// without background work (mail, monitoring), so that a static export fetches exactly the pages the live site serves.
/// </summary>
public sealed class StaticRegisterHost : IAsyncDisposable
{
    // Settings that would bind the in-process host to the live site's ports.
    private static readonly string[] ListenSettings = ["Kestrel", "urls", "http_ports", "https_ports", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS"];

    private readonly WebApplication app;

    private StaticRegisterHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the host listens, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts the host. <paramref name="contentRoot"/> resolves relative paths (the SQLite file) as the caller does;
    /// <paramref name="webRoot"/> holds the site's CSS and scripts.
    /// </summary>
    public static async Task<StaticRegisterHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, TimeProvider time, string contentRoot, string webRoot,
        ILoggerProvider logs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logs);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The Razor pages are found through the application's name, which must be the web project's.
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = contentRoot,
            WebRootPath = webRoot,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings
            .Where(s => !ListenSettings.Any(l => s.Key.Equals(l, StringComparison.OrdinalIgnoreCase) || s.Key.StartsWith(l + ":", StringComparison.OrdinalIgnoreCase))));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new StaticRegisterCopy(time.GetUtcNow()));
        builder.AddAdhere();
        // The export only reads: no mail goes out and no monitoring job runs from here. Kestrel's own hosted service stays.
        var background = builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(WebHost).Assembly).ToList();
        foreach (var service in background) builder.Services.Remove(service);

        var app = builder.Build();
        app.UseAdhere();
        app.MapAdhere();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StaticRegisterHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
