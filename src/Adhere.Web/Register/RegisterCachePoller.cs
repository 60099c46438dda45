using Adhere.Core.Persistence;
using Adhere.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Web.Register;

/// <summary>
/// Reads the transparency log's head every <c>Register:Cache:PollMilliseconds</c> (500) and drops the register cache when
/// it moved, so that a change made by another process (the <c>adhere</c> CLI, another web instance) is answered within
/// about a second (ADR 0021). Changes made by this process drop the cache at once, without waiting for a poll.
/// </summary>
public sealed class RegisterCachePoller(IServiceScopeFactory scopes, RegisterCache cache, ILogger<RegisterCachePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.Settings.Enabled) return;
        // A wall-clock timer on purpose: the poll paces I/O and must keep running when a test stops the app's TimeProvider.
        using var timer = new PeriodicTimer(cache.Settings.PollInterval);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AdhereDb>();
                cache.ObserveLogHead(await db.TransparencyLog.AsNoTracking().MaxAsync(e => (long?)e.Sequence, stoppingToken) ?? 0);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a database restart must not stop the poller; answers are served uncached meanwhile
            catch (Exception e)
#pragma warning restore CA1031
            {
                // While the head cannot be read, a change elsewhere could go unseen: serve nothing from the cache.
                cache.Invalidate();
                if (!failing) logger.LogWarning(e, "Could not read the transparency log's head; the register cache is dropped until it can.");
                failing = true;
            }

            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
