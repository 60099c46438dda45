using Adhere.Core.Mail;
using Adhere.Core.Tenancy;

namespace Adhere.Web.Mail;

/// <summary>Sends the outbox every <see cref="MailSettings.PollSeconds"/> while the host runs (only when a mail host is set).</summary>
public sealed class MailPump(IServiceScopeFactory scopes, MailSettings settings, ILogger<MailPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.IsEnabled)
        {
            logger.LogInformation("No Mail:Host is set: e-mails stay in the outbox unsent.");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("system:mail", "mail dispatcher");
                await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the pump must survive a failing round (database restart, bad data) and try again later
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Sending the outbox failed; trying again in {Seconds} s.", settings.PollSeconds);
            }

            await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
