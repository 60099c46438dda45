using System.Net;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Adhere.BrowserTests.Infrastructure.AdhereServer))]
// One browser at a time: on a two-core machine parallel Chromiums finish no sooner and time out more often.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace Adhere.BrowserTests.Infrastructure;

/// <summary>
/// The real web host (the web tests' <see cref="AdhereAppFactory"/>: fresh migrated database, environment Testing)
/// served by Kestrel on a free loopback port, once for the whole assembly. Tests create their own data.
/// </summary>
public sealed class AdhereServer : IAsyncLifetime
{
    public AdhereAppFactory App { get; } = new();

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        // No development certificate here, so plain HTTP on loopback; port 0 lets the OS pick a free one.
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");
        // Under Kestrel the factory's clients (API helpers of the web tests' scenarios) speak real HTTP: point them here.
        App.ClientOptions.BaseAddress = BaseAddress;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
