using System.Net;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Security;

/// <summary>A factory whose app throws on <c>/api/v1/boom</c> and <c>/boom</c>, behind the real error handling.</summary>
public sealed class ThrowingAppFactory : AdhereAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowAfterRouting()));
    }

    private sealed class ThrowAfterRouting : IStartupFilter
    {
        // Added after the app's own pipeline: reached only when no endpoint matched, inside the exception handler.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path.Value?.EndsWith("/boom", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException("Deliberate failure for the test.")
                : Task.CompletedTask);
        };
    }
}

public sealed class UnexpectedErrorTests(ThrowingAppFactory app) : IClassFixture<ThrowingAppFactory>
{
    [Fact]
    public async Task Api_UnexpectedException_Answers500ProblemWithoutInternals()
    {
        using var client = app.ApiClient(null);

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var request = new HttpRequestMessage(method, "/api/v1/boom") { Content = method == HttpMethod.Post ? new StringContent("{}") : null };
            var response = await client.SendAsync(request);

            await HttpAssert.ProblemAsync(response, HttpStatusCode.InternalServerError, "server.unexpected");
            Assert.DoesNotContain("Deliberate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
