using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintQuestionTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly OrganisationId Provider = new(Guid.NewGuid());
    private static readonly ComplaintSettings Settings = ComplaintSettings.Default;

    private static Complaint InStatus(ComplaintStatus status, bool anonymous = false)
    {
        var contact = anonymous ? null : new ComplainantContact("Ann", "ann@example.org", false);
        var c = Complaint.File(new ComplaintReference(2026, 11), ComplaintStatusKey.New().Hash, ComplainantRole.Customer, contact,
            new ComplaintTarget("2026LVL02ADHERE001", "Acme Cloud", null), "They kept my data.", Settings, Monday).Value;
        var dm = Role.MbDecisionMaker;
        if (status == ComplaintStatus.Received) return c;
        c.StartAdmissibilityCheck(dm, Monday);
        if (status == ComplaintStatus.AdmissibilityCheck) return c;
        c.Admit(dm, Monday);
        if (status == ComplaintStatus.Investigation) return c;
        c.Decide(dm, ComplaintFinding.Unfounded, "Nothing found.", Monday);
        if (status == ComplaintStatus.Decided) return c;
        c.Close(dm, Monday);
        return c;
    }

    private static ComplaintQuestion AskComplainant(Complaint c, DateTimeOffset? at = null) =>
        ComplaintQuestion.AskComplainant(c, ComplaintAnswerKey.New().Hash, "Which contract?", Settings, Role.MbAssessor, "assessor@mb.example", at ?? Monday).Value;

    private static ComplaintQuestion AskProvider(Complaint c, DateOnly? dueOn = null) =>
        ComplaintQuestion.AskProvider(c, Provider, "Show the deletion log.", dueOn, Settings, Role.MbAssessor, "assessor@mb.example", Monday).Value;

    [Theory]
    [InlineData(ComplaintStatus.AdmissibilityCheck)]
    [InlineData(ComplaintStatus.Investigation)]
    public void AskProvider_WhileCheckingOrInvestigating_IsDueAfterTheProviderPeriod(ComplaintStatus status)
    {
        var q = AskProvider(InStatus(status));

        Assert.Equal(QuestionRecipient.Provider, q.Recipient);
        Assert.Equal(Provider, q.OrganisationId);
        Assert.Equal(new DateOnly(2026, 3, 16), q.DueOn);
        Assert.Null(q.AnswerKeyHash);
        Assert.False(q.IsAnswered);
    }

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Decided)]
    [InlineData(ComplaintStatus.Closed)]
    public void Ask_InOtherStatuses_IsRefused(ComplaintStatus status)
    {
        var c = InStatus(status);

        var toProvider = ComplaintQuestion.AskProvider(c, Provider, "Why?", null, Settings, Role.MbAssessor, "a", Monday);
        var toComplainant = ComplaintQuestion.AskComplainant(c, "hash", "Why?", Settings, Role.MbAssessor, "a", Monday);

        Assert.Equal("complaint.question-not-now", toProvider.Error!.Code);
        Assert.Equal("complaint.question-not-now", toComplainant.Error!.Code);
    }

    [Theory]
    [InlineData("mb-admin")]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public void Ask_ByRoleThatDoesNotHandleCases_IsForbidden(string roleName)
    {
        Assert.True(Role.TryParse(roleName, out var role));

        var result = ComplaintQuestion.AskProvider(InStatus(ComplaintStatus.Investigation), Provider, "Why?", null, Settings, role, "x", Monday);

        Assert.Equal("complaint.question-role-not-allowed", result.Error!.Code);
    }

    [Theory]
    [InlineData(null, "complaint.question-text-required")]
    [InlineData("   ", "complaint.question-text-required")]
    public void Ask_WithoutText_IsRefused(string? text, string code)
    {
        var result = ComplaintQuestion.AskProvider(InStatus(ComplaintStatus.Investigation), Provider, text, null, Settings, Role.MbAssessor, "x", Monday);

        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public void Ask_TextTooLong_IsRefused()
    {
        var result = ComplaintQuestion.AskProvider(InStatus(ComplaintStatus.Investigation), Provider, new string('x', ComplaintQuestion.MaxTextLength + 1),
            null, Settings, Role.MbAssessor, "x", Monday);

        Assert.Equal("complaint.question-text-too-long", result.Error!.Code);
    }

    [Fact]
    public void AskProvider_LaterDueDate_IsKept()
    {
        var q = AskProvider(InStatus(ComplaintStatus.Investigation), new DateOnly(2026, 4, 30));

        Assert.Equal(new DateOnly(2026, 4, 30), q.DueOn);
    }

    [Theory]
    [InlineData("2026-03-15")] // a day earlier than the standard period
    [InlineData("2026-06-01")] // more than 90 days ahead
    public void AskProvider_DueDateOutsideTheRange_IsRefused(string due)
    {
        var result = ComplaintQuestion.AskProvider(InStatus(ComplaintStatus.Investigation), Provider, "Why?", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            Settings, Role.MbAssessor, "x", Monday);

        Assert.Equal("complaint.question-due-invalid", result.Error!.Code);
    }

    [Fact]
    public void AskComplainant_Anonymous_IsRefused()
    {
        var result = ComplaintQuestion.AskComplainant(InStatus(ComplaintStatus.Investigation, anonymous: true), "hash", "Which contract?", Settings,
            Role.MbDecisionMaker, "x", Monday);

        Assert.Equal("complaint.question-anonymous", result.Error!.Code);
    }

    [Fact]
    public void AskComplainant_HasTwoWeeksAndNoProvider()
    {
        var q = AskComplainant(InStatus(ComplaintStatus.Investigation));

        Assert.Equal(new DateOnly(2026, 3, 16), q.DueOn);
        Assert.Null(q.OrganisationId);
        Assert.NotNull(q.AnswerKeyHash);
    }

    [Fact]
    public void AnswerAsComplainant_OnTheLastDay_IsTaken()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskComplainant(c);
        var lastDay = new DateTimeOffset(2026, 3, 16, 23, 59, 0, TimeSpan.Zero);

        var result = q.AnswerAsComplainant(c, " The 2024 contract. ", lastDay);

        Assert.False(result.IsError);
        Assert.Equal("The 2024 contract.", q.Answer);
        Assert.Equal(lastDay, q.AnsweredAt);
        Assert.Null(q.AnsweredBy);
        Assert.False(q.AnsweredLate);
    }

    [Fact]
    public void AnswerAsComplainant_AfterTheWindow_IsRefusedAndChangesNothing()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskComplainant(c);

        var result = q.AnswerAsComplainant(c, "Too late?", new DateTimeOffset(2026, 3, 17, 0, 0, 1, TimeSpan.Zero));

        Assert.Equal("complaint.question-window-closed", result.Error!.Code);
        Assert.False(q.IsAnswered);
    }

    [Fact]
    public void Answer_Twice_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskProvider(c);
        q.AnswerAsProvider(c, "First.", "editor@acme.example", Monday.AddDays(1));

        var again = q.AnswerAsProvider(c, "Second.", "editor@acme.example", Monday.AddDays(2));

        Assert.Equal("complaint.question-already-answered", again.Error!.Code);
        Assert.Equal("First.", q.Answer);
    }

    [Fact]
    public void AnswerAsProvider_AfterTheDueDate_IsTakenAndMarkedLate()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskProvider(c);
        var late = Monday.AddDays(20);
        Assert.True(q.IsOverdue(late));

        var result = q.AnswerAsProvider(c, "Sorry for the delay.", "editor@acme.example", late);

        Assert.False(result.IsError);
        Assert.True(q.AnsweredLate);
        Assert.False(q.IsOverdue(late));
        Assert.Equal("editor@acme.example", q.AnsweredBy);
    }

    [Fact]
    public void Answer_OnceTheCaseEnded_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskProvider(c);
        c.Decide(Role.MbDecisionMaker, ComplaintFinding.Unfounded, "Nothing found.", Monday.AddDays(1));

        var result = q.AnswerAsProvider(c, "Here it is.", "editor@acme.example", Monday.AddDays(2));

        Assert.Equal("complaint.question-case-ended", result.Error!.Code);
    }

    [Fact]
    public void Answer_WithoutText_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskComplainant(c);

        Assert.Equal("complaint.question-text-required", q.AnswerAsComplainant(c, " ", Monday).Error!.Code);
    }

    [Fact]
    public void ComplainantHasLapsed_Cases()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var open = AskComplainant(c);
        var answered = AskComplainant(c);
        answered.AnswerAsComplainant(c, "Here.", Monday.AddDays(1));
        var toProvider = AskProvider(c);
        var dayAfter = new DateTimeOffset(2026, 3, 17, 8, 0, 0, TimeSpan.Zero);

        Assert.False(ComplaintQuestion.ComplainantHasLapsed([open], c.Id, new DateTimeOffset(2026, 3, 16, 23, 0, 0, TimeSpan.Zero)));
        Assert.True(ComplaintQuestion.ComplainantHasLapsed([open], c.Id, dayAfter));
        Assert.False(ComplaintQuestion.ComplainantHasLapsed([answered, toProvider], c.Id, dayAfter.AddDays(30)));
        Assert.False(ComplaintQuestion.ComplainantHasLapsed(null, c.Id, dayAfter));
        Assert.False(ComplaintQuestion.ComplainantHasLapsed([open], new ComplaintId(Guid.NewGuid()), dayAfter));
    }

    [Fact]
    public void Dismiss_LackOfCooperationWithoutLapsedQuestion_IsRefusedAndChangesNothing()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var open = AskComplainant(c);

        var early = c.Dismiss(Role.MbDecisionMaker, DismissalReason.LackOfCooperation, "No answer.", Monday.AddDays(5), [open]);
        var none = c.Dismiss(Role.MbDecisionMaker, DismissalReason.LackOfCooperation, "No answer.", Monday.AddDays(30));

        Assert.Equal("complaint.no-lapsed-question", early.Error!.Code);
        Assert.Equal("complaint.no-lapsed-question", none.Error!.Code);
        Assert.Equal(ComplaintStatus.Investigation, c.Status);
        Assert.Null(c.DismissalReason);
    }

    [Fact]
    public void Dismiss_LackOfCooperationAfterAnsweredQuestion_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskComplainant(c);
        q.AnswerAsComplainant(c, "Here.", Monday.AddDays(3));

        var result = c.Dismiss(Role.MbDecisionMaker, DismissalReason.LackOfCooperation, "No answer.", Monday.AddDays(30), [q]);

        Assert.Equal("complaint.no-lapsed-question", result.Error!.Code);
    }

    [Fact]
    public void Dismiss_LackOfCooperationByAssessor_IsRefusedForTheRoleFirst()
    {
        var c = InStatus(ComplaintStatus.Investigation);

        var result = c.Dismiss(Role.MbAssessor, DismissalReason.LackOfCooperation, "No answer.", Monday.AddDays(30));

        Assert.Equal("complaint.role-not-allowed", result.Error!.Code);
    }

    [Fact]
    public void Dismiss_OtherReasons_NeedNoQuestion()
    {
        var c = InStatus(ComplaintStatus.Investigation);

        var result = c.Dismiss(Role.MbDecisionMaker, DismissalReason.OutsideScope, "Not covered.", Monday);

        Assert.False(result.IsError);
    }

    [Fact]
    public void WriteNote_ByCaseHandler_IsKeptTrimmed()
    {
        var note = ComplaintNote.Write(InStatus(ComplaintStatus.Closed), " Called the provider. ", Role.MbDecisionMaker, "dm@mb.example", Monday);

        Assert.Equal("Called the provider.", note.Value.Text);
    }

    [Fact]
    public void WriteNote_ByAdministratorOrWithoutText_IsRefused()
    {
        var c = InStatus(ComplaintStatus.Investigation);

        Assert.Equal("complaint.question-role-not-allowed", ComplaintNote.Write(c, "Note", Role.MbAdministrator, "x", Monday).Error!.Code);
        Assert.Equal("complaint.note-text-required", ComplaintNote.Write(c, "", Role.MbAssessor, "x", Monday).Error!.Code);
    }

    [Fact]
    public void InvestigationFile_ForProviderQuestion_BelongsToTheProvider()
    {
        var c = InStatus(ComplaintStatus.Investigation);
        var q = AskProvider(c);
        var note = ComplaintNote.Write(c, "Note", Role.MbAssessor, "x", Monday).Value;

        var questionFile = InvestigationFile.ForQuestion(q, InvestigationFilePart.Answer, "log.pdf", "application/pdf", 10, new string('a', 64), Monday).Value;
        var noteFile = InvestigationFile.ForNote(note, "call.txt", "text/plain", 10, new string('b', 64), Monday).Value;
        var complainantFile = InvestigationFile.ForQuestion(AskComplainant(c), InvestigationFilePart.Answer, "c.txt", "text/plain", 1, new string('c', 64), Monday).Value;

        Assert.Equal(Provider, questionFile.OrganisationId);
        Assert.Null(noteFile.OrganisationId);
        Assert.Null(complainantFile.OrganisationId);
        Assert.Equal(q.Id, questionFile.QuestionId);
        Assert.Equal(note.Id, noteFile.NoteId);
    }

    [Fact]
    public void AnswerKey_HashOf_AcceptsOnlyKeysOfTheRightShape()
    {
        var (secret, hash) = ComplaintAnswerKey.New();

        Assert.StartsWith(ComplaintAnswerKey.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(hash, ComplaintAnswerKey.HashOf(secret));
        Assert.Null(ComplaintAnswerKey.HashOf("cst_" + secret[4..]));
        Assert.Null(ComplaintAnswerKey.HashOf(null));
        Assert.Null(ComplaintAnswerKey.HashOf(new string('a', 200)));
    }
}
