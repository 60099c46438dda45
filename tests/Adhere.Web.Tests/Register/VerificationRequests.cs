using Adhere.Core.Register;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Register;

/// <summary>Reads of <c>GET /api/v1/register/verifications/{id}</c> as a tool on another origin makes them, for the fast-path tests.</summary>
internal static class VerificationRequests
{
    /// <summary>The headers a cached answer must carry exactly as the endpoint sends them.</summary>
    public static readonly string[] ComparedHeaders =
    [
        "ETag", "Cache-Control", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "X-Content-Type-Options", "X-Frame-Options",
        "Content-Security-Policy", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> GetAsync(AdhereAppFactory app, string id, string? ifNoneMatch = null)
    {
        using var client = app.ApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/register/verifications/{id}");
        request.Headers.Add("Origin", "https://tool.example");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>
    /// Reads the answer until the cache holds it. The cache poller drops the cache when it notices, a moment later, the
    /// register change that listed the entry: first wait until it has seen the log's current head, so that no drop is
    /// still to come when this returns (on a loaded machine the poll could otherwise land after the answer was cached).
    /// </summary>
    public static async Task<HttpResponseMessage> CachedAsync(AdhereAppFactory app, string id)
    {
        var cache = app.Services.GetRequiredService<RegisterCache>();
        var head = await app.WithSystemAsync(async sp => await sp.GetRequiredService<Adhere.Core.Persistence.AdhereDb>().TransparencyLog
            .MaxAsync(e => (long?)e.Sequence, Ct) ?? 0);
        for (var attempt = 0; cache.Settings.Enabled && cache.LogHead < head && attempt < 100; attempt++) await Task.Delay(50, Ct);
        for (var attempt = 0; ; attempt++)
        {
            var response = await GetAsync(app, id);
            if (cache.TryGet(RegisterAnswerKind.Verification, id, out _) || attempt == 50) return response;
            response.Dispose();
            await Task.Delay(100, Ct);
        }
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join("|", values) : "(none)";
}
