using System.Net;
using System.Net.Http.Json;
using Adhere.Core.Mail;
using Adhere.Core.Monitoring;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Assessments;

/// <summary>The monitoring job's clarification reminders and overdue notices, with e-mails to a real SMTP server.</summary>
public sealed class ClarificationNoticeTests
{
    private static async Task<RunMonitoringJobs.Report> RunAsync(AdhereAppFactory app) =>
        await app.WithSystemAsync(sp => sp.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), force: true, CancellationToken.None));

    private static DateOnly Today(AdhereAppFactory app) => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static bool To(netDumbster.smtp.SmtpMessage m, string email) =>
        m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Run_OpenRequest_RemindsBeforeTheDueDateThenMarksOverdueEachOnce()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        var (s, assessmentId, requestId) = await ClarificationSetup.AskedAsync(app, dueOn: Today(app).AddDays(10));
        var answered = await ClarificationSetup.AskAsync(app, s, assessmentId, "Where are the logs kept?", Today(app).AddDays(10), "Logging");
        await HttpAssert.JsonAsync(await s.ProviderClient.PostAsJsonAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications/{answered}/replies",
            new { text = "In the EU region." }), HttpStatusCode.Created);

        var early = await RunAsync(app);
        app.Time.Advance(TimeSpan.FromDays(7)); // the reminder day: three days before the due date
        var reminderDay = await RunAsync(app);
        var reminder = await app.WaitForMailAsync(m => ClarificationSetup.Subject(m).StartsWith("Reply due by", StringComparison.Ordinal));
        var reminderAgain = await RunAsync(app);
        app.Time.Advance(TimeSpan.FromDays(4)); // the day after the due date
        var dayAfter = await RunAsync(app);
        var overdue = await app.WaitForMailAsync(m => ClarificationSetup.Subject(m).StartsWith("Overdue clarification", StringComparison.Ordinal));
        var overdueAgain = await RunAsync(app);
        var list = await HttpAssert.JsonAsync(await s.ProviderClient.GetAsync($"/api/v1/declarations/{s.DeclarationId}/clarifications"));

        Assert.Equal((0, 0), (early.ClarificationReminders, early.ClarificationsOverdue));
        Assert.Equal((1, 0), (reminderDay.ClarificationReminders, reminderDay.ClarificationsOverdue)); // the answered request gets none
        Assert.Equal((0, 0), (reminderAgain.ClarificationReminders, reminderAgain.ClarificationsOverdue));
        Assert.Equal((0, 1), (dayAfter.ClarificationReminders, dayAfter.ClarificationsOverdue));
        Assert.Equal((0, 0), (overdueAgain.ClarificationReminders, overdueAgain.ClarificationsOverdue));
        Assert.True(To(reminder, s.Declarations.Editor.Email));
        Assert.False(To(reminder, s.Assessor.Email));
        Assert.Contains($"https://adhere.test/portal/declarations/{s.DeclarationId}/clarifications", reminder.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.True(To(overdue, s.Declarations.Editor.Email));
        Assert.True(To(overdue, s.Assessor.Email));
        Assert.Single(app.Smtp.ReceivedEmail, m => ClarificationSetup.Subject(m).StartsWith("Reply due by", StringComparison.Ordinal));
        Assert.Single(app.Smtp.ReceivedEmail, m => ClarificationSetup.Subject(m).StartsWith("Overdue clarification", StringComparison.Ordinal));
        var request = list.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == requestId);
        Assert.True(request.GetProperty("isOverdue").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, request.GetProperty("remindedAt").ValueKind);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, request.GetProperty("markedOverdueAt").ValueKind);
        Assert.Equal(1, list.GetProperty("overdue").GetInt32());
        var audit = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.ObjectId == assessmentId.ToString() && e.Action.StartsWith("clarification.")).Select(e => e.Action).ToListAsync());
        Assert.Equal(["clarification.marked-overdue", "clarification.reminder-sent", "clarification.replied"], audit.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_WhileTheSmtpServerIsDown_KeepsTheNoticeInTheOutboxAndSendsItLater()
    {
        await using var app = new AdhereAppFactory();
        await app.InitializeAsync();
        var (s, _, _) = await ClarificationSetup.AskedAsync(app, dueOn: Today(app).AddDays(1));
        var port = app.Smtp.Configuration.Port;
        app.Smtp.Stop();

        app.Time.Advance(TimeSpan.FromDays(2));
        var report = await RunAsync(app);
        OutboxMessage? waiting = null;
        for (var i = 0; i < 100 && waiting is not { Attempts: > 0 }; i++)
        {
            await Task.Delay(100);
            waiting = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking()
                .SingleAsync(m => m.Topic == "clarification.overdue"));
        }

        using var restarted = netDumbster.smtp.Configuration.Configure().WithPort(port).Build();
        app.Time.Advance(TimeSpan.FromHours(1)); // past the retry delay
        netDumbster.smtp.SmtpMessage? delivered = null;
        for (var i = 0; i < 100 && delivered is null; i++)
        {
            await Task.Delay(100);
            delivered = restarted.ReceivedEmail.FirstOrDefault(m => ClarificationSetup.Subject(m).StartsWith("Overdue clarification", StringComparison.Ordinal));
        }

        Assert.Equal(1, report.ClarificationsOverdue);
        Assert.NotNull(waiting);
        Assert.Null(waiting.SentAt);
        Assert.True(waiting.Attempts > 0);
        Assert.NotNull(delivered);
        Assert.True(To(delivered, s.Declarations.Editor.Email));
    }
}
