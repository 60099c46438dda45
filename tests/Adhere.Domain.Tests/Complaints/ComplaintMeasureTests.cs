using Adhere.Domain.Accounts;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations;

namespace Adhere.Domain.Tests.Complaints;

public sealed class ComplaintMeasureTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeclarationId Declaration = new(Guid.NewGuid());
    private const string Reasons = "The retention breach was confirmed.";

    private static MeasureKind Kind(string key) => MeasureCatalogue.Default.Find(key)!;

    private static Complaint Decided(ComplaintFinding? finding = ComplaintFinding.Founded)
    {
        var c = Complaint.File(new ComplaintReference(2026, 9), ComplaintStatusKey.New().Hash, ComplainantRole.Customer, null,
            new ComplaintTarget("2026LVL02ADHERE001", "Acme Cloud", null), "They kept my data.", ComplaintSettings.Default, Now).Value;
        var dm = Role.MbDecisionMaker;
        c.StartAdmissibilityCheck(dm, Now);
        c.Admit(dm, Now);
        if (finding is { } f) c.Decide(dm, f, "Investigated.", Now);
        return c;
    }

    private static ComplaintMeasure CreateSut(string key, DateOnly? deadline = null, string? correction = null) =>
        ComplaintMeasure.Impose(Decided(), Kind(key), Role.MbDecisionMaker, $"  {Reasons}  ", deadline, correction, Declaration, "2026LVL02ADHERE001", Now).Value;

    [Theory]
    [InlineData("suspension", MeasureState.InForce)]
    [InlineData("revocation", MeasureState.Imposed)]
    [InlineData("reprimand", MeasureState.Imposed)]
    public void Impose_OnFoundedComplaint_StartsInTheStateOfItsEffect(string key, MeasureState expected)
    {
        var m = CreateSut(key);

        Assert.Equal((expected, Reasons, (DateOnly?)null, (string?)null), (m.State, m.Reasons, m.Deadline, m.Correction));
        Assert.Equal(key == "suspension", m.HoldsSuspension);
    }

    [Fact]
    public void Impose_CorrectiveAction_KeepsDeadlineAndCorrectionAndAwaitsFollowUp()
    {
        var m = CreateSut("corrective-action", new DateOnly(2026, 4, 1), " Delete the backups. ");

        Assert.Equal((MeasureState.AwaitingFollowUp, new DateOnly(2026, 4, 1), "Delete the backups."), (m.State, m.Deadline, m.Correction));
    }

    [Theory]
    [InlineData(null, "complaint.measure-not-founded")]
    [InlineData(ComplaintFinding.Unfounded, "complaint.measure-not-founded")]
    public void Impose_WithoutAFoundedDecision_IsRefused(ComplaintFinding? finding, string code)
    {
        var result = ComplaintMeasure.Impose(Decided(finding), Kind("reprimand"), Role.MbDecisionMaker, Reasons, null, null, Declaration, "X", Now);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void Impose_OnClosedComplaint_IsRefused()
    {
        var c = Decided();
        c.Close(Role.MbDecisionMaker, Now);

        var result = ComplaintMeasure.Impose(c, Kind("suspension"), Role.MbDecisionMaker, Reasons, null, null, Declaration, "X", Now);

        Assert.Equal("complaint.measure-not-founded", result.Error?.Code);
    }

    [Theory]
    [InlineData("mb-assessor")]
    [InlineData("mb-admin")]
    [InlineData("csp-editor")]
    public void Impose_ByAnyoneButADecisionMaker_IsForbidden(string role)
    {
        Assert.True(Role.TryParse(role, out var actor));

        var result = ComplaintMeasure.Impose(Decided(), Kind("reprimand"), actor, Reasons, null, null, Declaration, "X", Now);

        Assert.Equal("complaint.measure-role-not-allowed", result.Error?.Code);
    }

    [Theory]
    [InlineData("reprimand", null, null, null, "complaint.measure-reasons-required")]
    [InlineData("corrective-action", Reasons, null, "Fix it.", "complaint.measure-deadline-required")]
    [InlineData("corrective-action", Reasons, "2026-03-02", "Fix it.", "complaint.measure-deadline-past")]
    [InlineData("corrective-action", Reasons, "2026-03-03", " ", "complaint.measure-correction-required")]
    public void Impose_MissingInput_IsRefused(string key, string? reasons, string? deadline, string? correction, string code)
    {
        var day = deadline is null ? (DateOnly?)null : DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture);

        var result = ComplaintMeasure.Impose(Decided(), Kind(key), Role.MbDecisionMaker, reasons, day, correction, Declaration, "X", Now);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void Impose_ReasonsTooLong_IsRefused()
    {
        var result = ComplaintMeasure.Impose(Decided(), Kind("reprimand"), Role.MbDecisionMaker, new string('x', ComplaintMeasure.MaxReasonsLength + 1),
            null, null, Declaration, "X", Now);

        Assert.Equal("complaint.measure-reasons-too-long", result.Error?.Code);
    }

    [Fact]
    public void Lift_SuspensionInForce_EndsItWithTheReasons()
    {
        var m = CreateSut("suspension");

        var lifted = m.Lift(Role.MbDecisionMaker, " Corrected. ", Now.AddDays(3));

        Assert.Equal(MeasureState.Lifted, lifted.Value);
        Assert.Equal(("Corrected.", Now.AddDays(3), false), (m.EndNotes, m.EndedAt, m.HoldsSuspension));
    }

    [Fact]
    public void Lift_Refusals_LeaveTheSuspensionInForce()
    {
        var m = CreateSut("suspension");

        var byAssessor = m.Lift(Role.MbAssessor, "Corrected.", Now);
        var withoutReasons = m.Lift(Role.MbDecisionMaker, "  ", Now);

        Assert.Equal("complaint.measure-role-not-allowed", byAssessor.Error?.Code);
        Assert.Equal("complaint.measure-reasons-required", withoutReasons.Error?.Code);
        Assert.True(m.HoldsSuspension);
    }

    [Theory]
    [InlineData("revocation")]
    [InlineData("reprimand")]
    [InlineData("corrective-action")]
    public void Lift_AnythingButASuspensionInForce_IsAConflict(string key)
    {
        var m = key == "corrective-action" ? CreateSut(key, new DateOnly(2026, 4, 1), "Fix.") : CreateSut(key);

        Assert.Equal("complaint.measure-not-liftable", m.Lift(Role.MbDecisionMaker, "x", Now).Error?.Code);
    }

    [Fact]
    public void Lift_Twice_IsAConflict()
    {
        var m = CreateSut("suspension");
        m.Lift(Role.MbDecisionMaker, "Corrected.", Now);

        Assert.Equal("complaint.measure-not-liftable", m.Lift(Role.MbDecisionMaker, "Again.", Now).Error?.Code);
    }

    [Theory]
    [InlineData(true, MeasureState.Met)]
    [InlineData(false, MeasureState.NotMet)]
    public void FollowUp_CorrectiveAction_RecordsTheOutcomeOnce(bool met, MeasureState expected)
    {
        var m = CreateSut("corrective-action", new DateOnly(2026, 4, 1), "Fix.");

        var first = m.FollowUp(Role.MbAssessor, met, "Checked the logs.", Now);
        var second = m.FollowUp(Role.MbDecisionMaker, !met, "Again.", Now);

        Assert.Equal(expected, first.Value);
        Assert.Equal("complaint.measure-follow-up-not-allowed", second.Error?.Code);
        Assert.Equal((expected, "Checked the logs."), (m.State, m.EndNotes));
    }

    [Fact]
    public void FollowUp_Refusals_ChangeNothing()
    {
        var corrective = CreateSut("corrective-action", new DateOnly(2026, 4, 1), "Fix.");
        var suspension = CreateSut("suspension");

        Assert.Equal("complaint.measure-role-not-allowed", corrective.FollowUp(Role.MbAdministrator, true, "x", Now).Error?.Code);
        Assert.Equal("complaint.measure-notes-required", corrective.FollowUp(Role.MbAssessor, true, null, Now).Error?.Code);
        Assert.Equal("complaint.measure-follow-up-not-allowed", suspension.FollowUp(Role.MbAssessor, true, "x", Now).Error?.Code);
        Assert.Equal(MeasureState.AwaitingFollowUp, corrective.State);
    }

    [Fact]
    public void Supersede_OnlyTouchesASuspensionInForce()
    {
        var suspension = CreateSut("suspension");
        var reprimand = CreateSut("reprimand");

        Assert.True(suspension.Supersede(Now));
        Assert.False(reprimand.Supersede(Now));
        Assert.Equal((MeasureState.Superseded, MeasureState.Imposed), (suspension.State, reprimand.State));
        Assert.False(suspension.Supersede(Now));
    }
}

public sealed class MeasureCatalogueTests
{
    [Fact]
    public void Default_HasTheFourMeasuresOfTheIssue()
    {
        Assert.Equal([("corrective-action", MeasureEffect.CorrectiveAction), ("reprimand", MeasureEffect.None), ("suspension", MeasureEffect.Suspension),
            ("revocation", MeasureEffect.Revocation)], MeasureCatalogue.Default.Kinds.Select(k => (k.Key, k.Effect)));
        Assert.Equal([false, false, true, true], MeasureCatalogue.Default.Kinds.Select(k => k.ChangesRegister));
    }

    [Fact]
    public void Find_IgnoresCaseAndSpace_AndAnswersNullForUnknownKeys()
    {
        Assert.Equal("suspension", MeasureCatalogue.Default.Find(" Suspension ")?.Key);
        Assert.Null(MeasureCatalogue.Default.Find("fine"));
        Assert.Null(MeasureCatalogue.Default.Find(null));
    }

    [Fact]
    public void Create_Malformed_ListsEveryProblem()
    {
        MeasureCatalogue.Create([new("warning", "Warning", MeasureEffect.None), new("warning", "Again", MeasureEffect.None),
            new("Bad Key", "Bad", MeasureEffect.None), new("nameless", " ", MeasureEffect.Suspension), new("odd", "Odd", (MeasureEffect)42)], out var problems);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Bad Key'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'nameless' needs a name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no known effect", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Empty_IsAProblem()
    {
        MeasureCatalogue.Create([], out var problems);

        Assert.Single(problems);
    }

    [Theory]
    [InlineData("none", MeasureEffect.None)]
    [InlineData(" Corrective-Action ", MeasureEffect.CorrectiveAction)]
    [InlineData("suspension", MeasureEffect.Suspension)]
    [InlineData("revocation", MeasureEffect.Revocation)]
    public void ParseEffect_KnownNames_RoundTrip(string text, MeasureEffect effect)
    {
        Assert.Equal(effect, MeasureCatalogue.ParseEffect(text));
        Assert.Equal(effect, MeasureCatalogue.ParseEffect(MeasureCatalogue.EffectName(effect)));
    }

    [Fact]
    public void ParseEffect_Unknown_IsNull() => Assert.Null(MeasureCatalogue.ParseEffect("exclusion"));
}
