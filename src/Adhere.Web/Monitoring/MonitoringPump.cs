using Adhere.Core.Monitoring;
using Adhere.Core.Tenancy;

namespace Adhere.Web.Monitoring;

/// <summary>
/// Runs the monitoring job every <c>Monitoring:IntervalMinutes</c> (default 60; 0 turns it off). Every instance tries;
/// the job's lease lets one of them run per interval.
/// </summary>
public sealed class MonitoringPump(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<MonitoringPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Monitoring:IntervalMinutes", 60);
        if (minutes <= 0)
        {
            logger.LogInformation("Monitoring:IntervalMinutes is 0: renewal reminders and expiries are not run by this host.");
            return;
        }

        var interval = TimeSpan.FromMinutes(minutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("system:monitoring", "monitoring job");
                var report = await scope.ServiceProvider.GetRequiredService<RunMonitoringJobs>().HandleAsync(interval, force: false, stoppingToken);
                if (report.Ran)
                {
                    logger.LogInformation("Monitoring ran: {Reminders} reminders, {RenewalDue} renewal windows opened, {Expired} expired, {Warnings} certificate warnings, {ClarificationReminders} clarification reminders, {ClarificationsOverdue} clarifications overdue, {ReportsSigned} waiting reports signed.",
                        report.Reminders, report.MarkedRenewalDue, report.Expired, report.CertificateWarnings, report.ClarificationReminders, report.ClarificationsOverdue, report.ReportsSigned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failing round (database restart, bad data) must not stop later rounds
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "The monitoring job failed; it is tried again at the next interval.");
            }

            // Wake up more often than the interval, so that a restarted instance picks up soon after the lease allows.
            await Task.Delay(TimeSpan.FromMinutes(Math.Min(minutes, 5)), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
