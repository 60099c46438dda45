using System.Net.Http.Json;
using System.Text.Json;
using Adhere.Core.Mail;
using Adhere.Core.Monitoring;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

/// <summary>
/// The MB's mails about complaints (the notice of a new one, the scheduler's reminders of its targets) and the complaints
/// section of the work queue. Each test has its own app, because the monitoring job and the queue see every complaint.
/// </summary>
public sealed class ComplaintRemindersTests
{
    private const string Email = "identity-kept@example.org";
    private const string Name = "Ida Confidential";

    private static async Task<ComplaintsAppFactory> AppAsync()
    {
        var app = new ComplaintsAppFactory();
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Files a complaint with a name and address; returns its reference and acknowledgement and decision targets.</summary>
    private static async Task<(string Reference, DateOnly AcknowledgeBy, DateOnly DecideBy)> FileAsync(AdhereAppFactory app)
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        var created = await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token, Email, name: Name)),
            System.Net.HttpStatusCode.Created);
        return (created.GetProperty("reference").GetString()!, DateOnly.Parse(created.GetProperty("acknowledgeBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(created.GetProperty("decideBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<RunMonitoringJobs.Report> RunAsync(AdhereAppFactory app) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<RunMonitoringJobs>().HandleAsync(TimeSpan.FromHours(1), true, CancellationToken.None));

    private static Task<List<OutboxMessage>> MailsAsync(AdhereAppFactory app, string topic) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking().Where(m => m.Topic == topic).ToListAsync());

    /// <summary>The kinds of reminder the audit trail records, in the order they were recorded.</summary>
    private static Task<List<string>> AuditedRemindersAsync(AdhereAppFactory app) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == "complaint.reminder-sent").OrderBy(e => e.Sequence).Select(e => e.Changes).ToListAsync());

    /// <summary>Moves the app's clock to <paramref name="day"/>, keeping the time of day.</summary>
    private static void MoveTo(AdhereAppFactory app, DateOnly day)
    {
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        app.Time.Advance(TimeSpan.FromDays(day.DayNumber - today.DayNumber));
    }

    private static void AssertNoIdentity(OutboxMessage mail)
    {
        foreach (var secret in new[] { Email, Name, ComplaintScenario.Conduct })
        {
            Assert.DoesNotContain(secret, mail.Subject + mail.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Submit_NewComplaint_MailsTheMbReferenceProviderAndConsoleLinkWithoutIdentityOrConduct()
    {
        await using var app = await AppAsync();
        var staff = await app.CreateUserAsync(Role.MbAssessor);

        var (reference, _, _) = await FileAsync(app);

        var mail = Assert.Single(await MailsAsync(app, "complaint.new"));
        Assert.Contains(staff.Email, mail.To, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Email, mail.To, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Acme Cloud (Acme Backup)", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"https://adhere.test/console/complaints/{reference}", mail.Body, StringComparison.Ordinal);
        AssertNoIdentity(mail);
    }

    [Fact]
    public async Task Run_AcknowledgementDueThenOverdue_RemindsTheMbOnceEach()
    {
        await using var app = await AppAsync();
        await app.CreateUserAsync(Role.MbAssessor);
        var (reference, acknowledgeBy, _) = await FileAsync(app);

        var early = await RunAsync(app);
        MoveTo(app, acknowledgeBy.AddDays(-1));
        var due = await RunAsync(app);
        var dueAgain = await RunAsync(app);
        MoveTo(app, acknowledgeBy.AddDays(1));
        var overdue = await RunAsync(app);
        var overdueAgain = await RunAsync(app);

        Assert.Equal(0, early.Complaints.Total);
        Assert.Equal((1, 0), (due.Complaints.AcknowledgementDue, due.Complaints.AcknowledgementOverdue));
        Assert.Equal(0, dueAgain.Complaints.Total);
        Assert.Equal((0, 1), (overdue.Complaints.AcknowledgementDue, overdue.Complaints.AcknowledgementOverdue));
        Assert.Equal(0, overdueAgain.Complaints.Total);
        var dueMail = Assert.Single(await MailsAsync(app, "complaint.acknowledgement-due"));
        var overdueMail = Assert.Single(await MailsAsync(app, "complaint.acknowledgement-overdue"));
        Assert.Contains(reference, overdueMail.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://adhere.test/console/complaints/{reference}", overdueMail.Body, StringComparison.Ordinal);
        AssertNoIdentity(dueMail);
        AssertNoIdentity(overdueMail);
        var audited = await AuditedRemindersAsync(app);
        Assert.Collection(audited,
            c => Assert.Contains("\"acknowledgement-due\"", c, StringComparison.Ordinal),
            c => Assert.Contains("\"acknowledgement-overdue\"", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_AcknowledgedComplaint_GetsDecisionRemindersOnlyOnceEach()
    {
        await using var app = await AppAsync();
        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        var (reference, acknowledgeBy, decideBy) = await FileAsync(app);
        using (var client = await app.ApiClientAsync(assessor))
        {
            await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger = "start-admissibility-check" }));
        }

        MoveTo(app, acknowledgeBy.AddDays(1));
        var afterAcknowledgement = await RunAsync(app);
        MoveTo(app, decideBy.AddDays(-15));
        var tooEarly = await RunAsync(app);
        MoveTo(app, decideBy.AddDays(-14));
        var approaching = await RunAsync(app);
        MoveTo(app, decideBy.AddDays(1));
        var overdue = await RunAsync(app);
        var again = await RunAsync(app);

        Assert.Equal(0, afterAcknowledgement.Complaints.Total);
        Assert.Equal(0, tooEarly.Complaints.Total);
        Assert.Equal(1, approaching.Complaints.DecisionApproaching);
        Assert.Equal(1, approaching.Complaints.Total);
        Assert.Equal(1, overdue.Complaints.DecisionOverdue);
        Assert.Equal(1, overdue.Complaints.Total);
        Assert.Equal(0, again.Complaints.Total);
        Assert.Empty(await MailsAsync(app, "complaint.acknowledgement-overdue"));
        AssertNoIdentity(Assert.Single(await MailsAsync(app, "complaint.decision-overdue")));
        var keys = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().SentNotices.AsNoTracking()
            .Where(n => n.Key.StartsWith("complaint-")).Select(n => n.Key).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.Contains(keys, k => k.StartsWith("complaint-decision-overdue:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkQueue_DueAndOverdueComplaints_ShowInTheApiAndTheConsoleLongestWaitingFirst()
    {
        await using var app = await AppAsync();
        var assessor = await app.CreateUserAsync(Role.MbAssessor);
        var (older, acknowledgeBy, _) = await FileAsync(app);
        app.Time.Advance(TimeSpan.FromDays(1));
        var (newer, _, _) = await FileAsync(app);
        var (handled, _, _) = await FileAsync(app);
        using var client = await app.ApiClientAsync(assessor);
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/v1/complaints/{handled}/steps", new { trigger = "start-admissibility-check" }));
        MoveTo(app, acknowledgeBy.AddDays(1)); // the older one is overdue, the newer one due today at the latest

        var queue = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/api/v1/assessments/queue", UriKind.Relative)));
        var mine = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/api/v1/assessments/queue?mine=true", UriKind.Relative)));
        using var pages = await app.SignInAsync(assessor);
        var page = await (await pages.GetAsync("/console/assessments")).Content.ReadAsStringAsync();

        var rows = queue.GetProperty("complaints").EnumerateArray().ToList();
        Assert.Equal([older, newer], rows.Select(r => r.GetProperty("reference").GetString()));
        Assert.All(rows, r => Assert.Equal("acknowledgement", r.GetProperty("clock").GetString()));
        Assert.True(rows[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(acknowledgeBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rows[0].GetProperty("dueOn").GetString());
        Assert.Equal(JsonValueKind.Array, mine.GetProperty("complaints").ValueKind);
        Assert.Empty(mine.GetProperty("complaints").EnumerateArray());
        Assert.DoesNotContain(Email, queue.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/console/complaints/{older}", page, StringComparison.Ordinal);
        Assert.Contains($"/console/complaints/{newer}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/console/complaints/{handled}", page, StringComparison.Ordinal);
        Assert.Contains("overdue", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnansweredQuestions_RemindTheProviderThenTellProviderAndMbOnceAndQueueThem()
    {
        await using var app = await AppAsync();
        var listed = await Register.RegisterScenario.ListedAsync(app);
        using var staff = await app.ApiClientAsync(await app.CreateUserAsync(Role.MbDecisionMaker));
        using var anonymous = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, anonymous);
        var created = await HttpAssert.JsonAsync(await anonymous.PostAsJsonAsync("/api/v1/complaints",
            ComplaintScenario.Body(token, Email, verificationId: listed.VerificationId, name: Name)), System.Net.HttpStatusCode.Created);
        var reference = created.GetProperty("reference").GetString()!;
        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/complaints/{reference}/steps", new { trigger = "start-admissibility-check" }));
        DateOnly due = default;
        foreach (var to in new[] { "provider", "complainant" })
        {
            using var form = new MultipartFormDataContent { { new StringContent(to), "to" }, { new StringContent($"A question to the {to}."), "text" } };
            var asked = await HttpAssert.JsonAsync(await staff.PostAsync(new Uri($"/api/v1/complaints/{reference}/questions", UriKind.Relative), form),
                System.Net.HttpStatusCode.Created);
            due = DateOnly.Parse(asked.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }

        MoveTo(app, due.AddDays(-2));
        var before = await RunAsync(app);
        var reminded = Assert.Single(await MailsAsync(app, "complaint.question-due"));
        MoveTo(app, due.AddDays(1));
        var after = await RunAsync(app);
        var again = await RunAsync(app);
        var overdue = Assert.Single(await MailsAsync(app, "complaint.question-overdue"));
        var lapsed = Assert.Single(await MailsAsync(app, "complaint.question-lapsed"));
        var queue = await HttpAssert.JsonAsync(await staff.GetAsync(new Uri("/api/v1/assessments/queue", UriKind.Relative)));

        Assert.Equal(1, before.Complaints.ProviderQuestionsDue);
        Assert.Equal((1, 1), (after.Complaints.ProviderQuestionsOverdue, after.Complaints.ComplainantQuestionsLapsed));
        Assert.Equal(0, again.Complaints.ProviderQuestionsOverdue + again.Complaints.ComplainantQuestionsLapsed);
        Assert.Contains(listed.Assessment.Declarations.Editor.Email, reminded.To, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(listed.Assessment.Declarations.Editor.Email, overdue.To, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/portal/complaints", overdue.Body, StringComparison.Ordinal);
        Assert.Contains($"/console/complaints/{reference}", lapsed.Body, StringComparison.Ordinal);
        foreach (var mail in new[] { reminded, overdue, lapsed }) AssertNoIdentity(mail);
        var clocks = queue.GetProperty("complaints").EnumerateArray().Where(r => r.GetProperty("reference").GetString() == reference)
            .Select(r => r.GetProperty("clock").GetString()).ToList();
        Assert.Contains("provider-answer", clocks);
        Assert.Contains("complainant-answer", clocks);
        var audited = await AuditedRemindersAsync(app);
        Assert.Equal(3, audited.Count);
        Assert.Contains("\"question-due\"", audited[0], StringComparison.Ordinal);
        Assert.Single(audited, c => c.Contains("\"question-overdue\"", StringComparison.Ordinal));
        Assert.Single(audited, c => c.Contains("\"question-lapsed\"", StringComparison.Ordinal));
        Assert.All(audited, c => Assert.Contains("\"question\"", c, StringComparison.Ordinal));
        Assert.All(audited, c => Assert.DoesNotContain(Email, c, StringComparison.OrdinalIgnoreCase));
    }
}
