using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;
using Adhere.Web.Tests.Infrastructure;
using Adhere.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Web.Tests.Complaints;

public sealed partial class ComplaintIntakeApiTests(ComplaintsAppFactory app) : IClassFixture<ComplaintsAppFactory>
{
    [Fact]
    public async Task Submit_WithContact_Returns201AndMailsAcknowledgementWithStatusLink()
    {
        var email = $"complainant-{Guid.NewGuid():N}@example.org";

        var created = await ComplaintScenario.FileAsync(app, email);

        var reference = created.GetProperty("reference").GetString()!;
        var key = created.GetProperty("statusKey").GetString()!;
        Assert.Matches(ReferencePattern(), reference);
        Assert.False(created.GetProperty("anonymous").GetBoolean());
        Assert.StartsWith("http", created.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains($"ref={reference}", created.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        // The MB's notice names the reference too; the acknowledgement is the mail to the complainant.
        var mail = await app.WaitForMailAsync(m => m.Headers["Subject"]?.Contains(reference, StringComparison.Ordinal) == true
            && m.ToAddresses.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)));
        var body = mail.MessageParts[0].BodyData.Replace("=\r\n", "", StringComparison.Ordinal);
        Assert.Contains(reference, body, StringComparison.Ordinal);
        Assert.Contains(key, body, StringComparison.Ordinal);
        Assert.Contains("https://adhere.test/complaints/status", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Anonymous_Returns201StoresNoIdentityAndSendsNoMail()
    {
        // The MB's notice of a new complaint (topic complaint.new) goes out either way; nothing goes to a complainant.
        var outboxBefore = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.CountAsync(m => m.Topic != "complaint.new"));

        var created = await ComplaintScenario.FileAsync(app);

        Assert.True(created.GetProperty("anonymous").GetBoolean());
        var reference = created.GetProperty("reference").GetString()!;
        var stored = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Complaints.AsNoTracking().SingleAsync(c => c.Reference == reference));
        Assert.Null(stored.ComplainantEmail);
        Assert.Null(stored.ComplainantName);
        Assert.False(stored.MayRevealToProvider);
        Assert.Equal(ComplaintStatus.Received, stored.Status);
        Assert.NotEqual(created.GetProperty("statusKey").GetString(), stored.StatusKeyHash);
        Assert.Equal(outboxBefore, await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.CountAsync(m => m.Topic != "complaint.new")));
    }

    [Fact]
    public async Task Submit_Twice_GetsConsecutiveReferencesOfTheYear()
    {
        var first = (await ComplaintScenario.FileAsync(app)).GetProperty("reference").GetString()!;
        var second = (await ComplaintScenario.FileAsync(app)).GetProperty("reference").GetString()!;

        var a = ComplaintReference.Parse(first).Value;
        var b = ComplaintReference.Parse(second).Value;
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.Year, a.Year);
        Assert.Equal(a.Number + 1, b.Number);
    }

    [Fact]
    public async Task Submit_Concurrently_GetsDistinctReferences()
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            await HttpAssert.JsonAsync(await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token)), HttpStatusCode.Created)));

        Assert.Equal(6, answers.Select(a => a.GetProperty("reference").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Submit_ByCurrentOrFormerVerificationId_TargetsTheRegisterEntry()
    {
        var entry = await RegisterScenario.ListedAsync(app);
        var former = entry.VerificationId;
        var current = await entry.ChangeLevelAsync();

        var byFormer = (await ComplaintScenario.FileAsync(app, verificationId: former.ToLowerInvariant())).GetProperty("reference").GetString()!;
        var byCurrent = (await ComplaintScenario.FileAsync(app, verificationId: current)).GetProperty("reference").GetString()!;

        var stored = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().Complaints.AsNoTracking()
            .Where(c => c.Reference == byFormer || c.Reference == byCurrent).ToListAsync());
        Assert.All(stored, c =>
        {
            Assert.Equal(current, c.TargetVerificationId);
            Assert.Equal(entry.Company, c.Company);
        });
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "empty-conduct", "complaint.conduct-required" },
        { "oversized-conduct", "complaint.conduct-too-long" },
        { "unknown-verification-id", "complaint.verification-id-unknown" },
        { "malformed-verification-id", "complaint.verification-id-unknown" },
        { "invalid-email", "complaint.email-invalid" },
        { "invalid-role", "complaint.role-invalid" },
        { "missing-role", "complaint.role-invalid" },
        { "no-target", "complaint.target-required" },
        { "name-without-email", "complaint.name-without-email" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Submit_BadInput_Returns400AndWritesNothing(string input, string errorCode)
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        var body = ComplaintScenario.Body(token, "ok@example.org");
        switch (input)
        {
            case "empty-conduct": body["conduct"] = "  \n "; break;
            case "oversized-conduct": body["conduct"] = new string('x', Complaint.MaxConductLength + 1); break;
            case "unknown-verification-id": body["verificationId"] = "2026LVL02NOSUCH999"; break;
            case "malformed-verification-id": body["verificationId"] = "not an id"; break;
            case "invalid-email": body["email"] = "someone@"; break;
            case "invalid-role": body["role"] = "auditor"; break;
            case "missing-role": body["role"] = null; break;
            case "no-target": body["company"] = " "; break;
            case "name-without-email": body["email"] = null; body["name"] = "Ann"; break;
        }

        var before = await ComplaintScenario.SnapshotAsync(app);
        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Submit_TokenTooFresh_IsRefusedAsTooFast()
    {
        using var client = app.ApiClient(null);
        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/api/v1/complaints/form-token", UriKind.Relative)));
        var before = await ComplaintScenario.SnapshotAsync(app);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(json.GetProperty("token").GetString()!));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.form-token-too-fast");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Submit_TokenOlderThanTwoHours_IsRefusedAsExpired()
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        app.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var before = await ComplaintScenario.SnapshotAsync(app);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.form-token-expired");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Submit_MissingOrForgedToken_IsRefusedAsInvalid(string? token)
    {
        using var client = app.ApiClient(null);
        var before = await ComplaintScenario.SnapshotAsync(app);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(token!));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.form-token-invalid");
        Assert.Equal(before, await ComplaintScenario.SnapshotAsync(app));
    }

    [Fact]
    public async Task Submit_TamperedToken_IsRefusedAsInvalid()
    {
        using var client = app.ApiClient(null);
        var token = await ComplaintScenario.FormTokenAsync(app, client);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ComplaintScenario.Body(tampered));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "complaint.form-token-invalid");
    }

    [Fact]
    public async Task Submit_Accepted_RecordsAuditWithoutIdentity()
    {
        var email = $"private-{Guid.NewGuid():N}@example.org";

        var reference = (await ComplaintScenario.FileAsync(app, email)).GetProperty("reference").GetString()!;

        var entries = await app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == "complaint.received").ToListAsync());
        var entry = Assert.Single(entries, e => e.Changes.Contains(reference, StringComparison.Ordinal));
        Assert.DoesNotContain(email, entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CspMember_ReadingComplaintsThroughTheDatabase_SeesNone()
    {
        await ComplaintScenario.FileAsync(app, "seen-by-mb@example.org");
        var provider = await app.CreateProviderAsync();
        var editor = await app.CreateUserAsync(Role.CspEditor, provider);
        var assessor = await app.CreateUserAsync(Role.MbAssessor);

        var seenByCsp = await app.WithUserAsync(editor, sp => sp.GetRequiredService<AdhereDb>().Complaints.CountAsync());
        var attachmentsSeenByCsp = await app.WithUserAsync(editor, sp => sp.GetRequiredService<AdhereDb>().ComplaintAttachments.CountAsync());
        var seenByMb = await app.WithUserAsync(assessor, sp => sp.GetRequiredService<AdhereDb>().Complaints.CountAsync());

        Assert.Equal(0, seenByCsp);
        Assert.Equal(0, attachmentsSeenByCsp);
        Assert.True(seenByMb > 0);
    }

    [Fact]
    public async Task OpenApi_DescribesComplaintEndpoints()
    {
        using var client = app.ApiClient(null);

        var json = await HttpAssert.JsonAsync(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = json.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/complaints").TryGetProperty("post", out var post));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(paths.TryGetProperty("/api/v1/complaints/status", out _));
        Assert.True(paths.TryGetProperty("/api/v1/complaints/form-token", out _));
    }

    [GeneratedRegex("^C-[0-9]{4}-[0-9]{6}$")]
    private static partial Regex ReferencePattern();
}
