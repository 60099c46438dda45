using Adhere.Domain.Accounts;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Declarations.Records;

public class DeclarationTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrganisationId Owner = OrganisationId.New();
    private static readonly ServiceId Compute = ServiceId.New();
    private static readonly ServiceId Storage = ServiceId.New();

    private static Declaration CreateSut(DeclarationId? renews = null)
    {
        var declaration = Declaration.Start(Owner, CatalogueId.New(), "EU Cloud CoC", "2.11", ["tct"], Now, renews);
        declaration.SetServices([Compute, Storage], Now);
        return declaration;
    }

    private static CertificateInput Input(DateOnly? issued = null, DateOnly? expires = null, IReadOnlyList<string>? claims = null) =>
        new("iso-27001-2022", "2022", " C-1 ", "Body", null, "Scope", [Compute.Value, Storage.Value],
            issued ?? new DateOnly(2025, 1, 1), expires ?? new DateOnly(2028, 1, 1), null, claims);

    [Fact]
    public void Start_New_IsAnEditableInitialDraft()
    {
        var declaration = CreateSut();

        Assert.Equal(DeclarationStatus.Draft, declaration.Status);
        Assert.Equal(DeclarationKind.Initial, declaration.Kind);
        Assert.Equal(["tct"], declaration.Modules);
        Assert.False(declaration.EnsureEditable().IsError);
        Assert.Equal([Compute, Storage], declaration.Services.OrderBy(s => s.Position).Select(s => s.ServiceId));
    }

    [Fact]
    public void Describe_InvalidEmailOrTooLongTitle_ChangesNothing()
    {
        var declaration = CreateSut();
        declaration.Describe("Title", ComplianceLevel.Second, "Dana", "dpo@example.com", Now);

        var badEmail = declaration.Describe("Other", ComplianceLevel.Third, "Dana", "not an address", Now);
        var longTitle = declaration.Describe(new string('x', Declaration.MaxTitleLength + 1), null, null, null, Now);

        Assert.Equal("declaration.contact-email-invalid", badEmail.Error!.Code);
        Assert.Equal("declaration.text-too-long", longTitle.Error!.Code);
        Assert.Equal("Title", declaration.Title);
        Assert.Equal(ComplianceLevel.Second, declaration.RequestedLevel);
    }

    [Fact]
    public void Answer_SecondSave_UpdatesTheSameAnswerAndNormalisesText()
    {
        var declaration = CreateSut();

        declaration.Answer("5.1.A", "first", null, [], "a", Now);
        var saved = declaration.Answer("5.1.A", "  line one\r\nline two  ", "  ", [Guid.Empty, Guid.Empty], "b", Now.AddMinutes(1));

        var answer = Assert.Single(declaration.Answers);
        Assert.Same(saved.Value, answer);
        Assert.Equal("line one\nline two", answer.Statement);
        Assert.Null(answer.Measures);
        Assert.Single(answer.DocumentIds);
        Assert.Equal("b", answer.UpdatedBy);
    }

    [Fact]
    public void Answer_BlankStatement_CountsAsUnanswered()
    {
        var declaration = CreateSut();

        declaration.Answer("5.1.A", " \n ", "measures", [], "a", Now);

        Assert.False(declaration.Answers[0].IsAnswered);
    }

    [Fact]
    public void Answer_TooLongStatement_IsRejected()
    {
        var declaration = CreateSut();

        var saved = declaration.Answer("5.1.A", new string('x', ControlAnswer.MaxStatementLength + 1), null, [], "a", Now);

        Assert.Equal("declaration.statement-too-long", saved.Error!.Code);
        Assert.Empty(declaration.Answers);
    }

    [Fact]
    public void SetServices_RemovingAService_DropsItFromCertificateScopesAndResetsTheirChecks()
    {
        var declaration = CreateSut();
        var certificate = Certificate.Create(declaration.Id, Owner, Input(), []).Value;
        declaration.AddCertificate(certificate, Now);
        certificate.RecordCheck(Evidence(certificate), "{}", Now);

        declaration.SetServices([Compute], Now);

        Assert.Equal([Compute.Value], certificate.CoveredServiceIds);
        Assert.Null(certificate.CheckJson);
        Assert.Null(certificate.CheckedAt);
    }

    [Fact]
    public void Fire_Submit_FreezesTheDraftAndRecordsTheTime()
    {
        var declaration = CreateSut();

        var submitted = declaration.Fire(DeclarationTrigger.Submit, Role.CspEditor, Now);

        Assert.Equal(DeclarationStatus.Submitted, submitted.Value);
        Assert.Equal(Now, declaration.SubmittedAt);
        Assert.Equal("declaration.not-editable", declaration.Answer("5.1.A", "x", null, [], "a", Now).Error!.Code);
        Assert.Equal("declaration.not-editable", declaration.SetServices([], Now).Error!.Code);
        Assert.Equal("declaration.not-editable", declaration.RemoveCertificate(CertificateId.New(), Now).Error!.Code);
    }

    [Fact]
    public void RecordVerification_AfterVerify_SetsIdLevelAndValidity()
    {
        var declaration = CreateSut();
        foreach (var (trigger, role) in new[]
                 {
                     (DeclarationTrigger.Submit, Role.CspEditor), (DeclarationTrigger.StartAssessment, Role.MbAssessor),
                     (DeclarationTrigger.SendToDecision, Role.MbAssessor), (DeclarationTrigger.Verify, Role.MbDecisionMaker),
                 })
        {
            Assert.False(declaration.Fire(trigger, role, Now).IsError);
        }

        declaration.RecordVerification(VerificationNumber.Parse("2026LVL03SCOPE101").Value, new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), Now);

        Assert.Equal("2026LVL03SCOPE101", declaration.VerificationId);
        Assert.Equal(ComplianceLevel.Third, declaration.GrantedLevel);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31)), (declaration.ApprovedOn, declaration.ValidUntil));
    }

    [Fact]
    public void RecordVerification_BeforeVerify_IsAProgrammerError()
    {
        var declaration = CreateSut();

        Assert.Throws<InvalidOperationException>(() =>
            declaration.RecordVerification(VerificationNumber.Parse("2026LVL03SCOPE101").Value, new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), Now));
    }

    [Fact]
    public void Fire_ByAWrongRole_ChangesNothing()
    {
        var declaration = CreateSut();

        var result = declaration.Fire(DeclarationTrigger.Submit, Role.MbAssessor, Now);

        Assert.Equal("declaration.role-not-allowed", result.Error!.Code);
        Assert.Equal(DeclarationStatus.Draft, declaration.Status);
        Assert.Null(declaration.SubmittedAt);
    }

    [Fact]
    public void StateRenewal_OnAnInitialDeclaration_IsRefused()
    {
        var declaration = CreateSut();

        var stated = declaration.StateRenewal(true, null, new Dictionary<ServiceId, string>(), new HashSet<ServiceId>(), Now);

        Assert.Equal("declaration.not-renewal", stated.Error!.Code);
    }

    [Fact]
    public void StateRenewal_ReasonsAndConfirmations_AreKeptAndBlankReasonsDropped()
    {
        var declaration = CreateSut(DeclarationId.New());
        var removed = ServiceId.New();
        var blank = ServiceId.New();

        declaration.StateRenewal(null, " We moved storage. ", new Dictionary<ServiceId, string> { [removed] = " Sold ", [blank] = " " },
            new HashSet<ServiceId> { Storage }, Now);

        Assert.Equal("We moved storage.", declaration.ChangeDescription);
        var reason = Assert.Single(declaration.RemovedServices);
        Assert.Equal((removed, "Sold"), (reason.ServiceId, reason.Reason));
        Assert.True(declaration.Services.Single(s => s.ServiceId == Storage).SameFamilyConfirmed);
        Assert.False(declaration.Services.Single(s => s.ServiceId == Compute).SameFamilyConfirmed);
    }

    [Fact]
    public void StateRenewal_ReasonForAServiceStillInScope_IsRejected()
    {
        var declaration = CreateSut(DeclarationId.New());

        var stated = declaration.StateRenewal(true, null, new Dictionary<ServiceId, string> { [Compute] = "x" }, new HashSet<ServiceId>(), Now);

        Assert.Equal("declaration.removal-reason-for-kept-service", stated.Error!.Code);
        Assert.Empty(declaration.RemovedServices);
    }

    [Fact]
    public void Certificate_ExpiryBeforeIssue_IsRejected()
    {
        var created = Certificate.Create(DeclarationId.New(), Owner, Input(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)), []);

        Assert.Equal("certificate.expiry-before-issue", created.Error!.Code);
    }

    [Theory]
    [InlineData(null, "2022", "N", "B", "S", "standard")]
    [InlineData("iso", null, " ", "B", "S", "number")]
    [InlineData("iso", null, "N", "", "S", "certificationBody")]
    [InlineData("iso", null, "N", "B", null, "scopeStatement")]
    public void Certificate_MissingRequiredField_NamesIt(string? standard, string? version, string? number, string? body, string? scope, string field)
    {
        var input = new CertificateInput(standard, version, number, body, null, scope, [], new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), null, null);

        var created = Certificate.Create(DeclarationId.New(), Owner, input, []);

        Assert.Equal("certificate.field-required", created.Error!.Code);
        Assert.Equal(field, ((Adhere.Domain.Common.InvalidError)created.Error!).Field);
    }

    [Fact]
    public void Certificate_WithoutClaims_TakesTheDefaultClaims()
    {
        var certificate = Certificate.Create(DeclarationId.New(), Owner, Input(), ["6.1.A", "6.1.B", "6.1.A"]).Value;
        var narrowed = Certificate.Create(DeclarationId.New(), Owner, Input(claims: [" 6.1.B "]), ["6.1.A"]).Value;

        Assert.Equal(["6.1.A", "6.1.B"], certificate.ClaimedControls);
        Assert.Equal(["6.1.B"], narrowed.ClaimedControls);
        Assert.Equal("C-1", certificate.Number);
    }

    [Fact]
    public void Certificate_SetClaim_AddsAndRemovesOnce()
    {
        var certificate = Certificate.Create(DeclarationId.New(), Owner, Input(claims: ["6.1.A"]), []).Value;

        certificate.SetClaim("5.1.A", true);
        certificate.SetClaim("5.1.A", true);
        certificate.SetClaim("6.1.A", false);

        Assert.Equal(["5.1.A"], certificate.ClaimedControls);
    }

    [Fact]
    public void Certificate_CopyTo_KeepsLineageAndFieldsButNotTheCheck()
    {
        var certificate = Certificate.Create(DeclarationId.New(), Owner, Input(claims: ["6.1.A"]), []).Value;
        certificate.RecordCheck(Evidence(certificate), "{}", Now);
        var renewal = DeclarationId.New();

        var copy = certificate.CopyTo(renewal);

        Assert.NotEqual(certificate.Id, copy.Id);
        Assert.Equal(certificate.LineageId, copy.LineageId);
        Assert.Equal(renewal, copy.DeclarationId);
        Assert.Equal((certificate.StandardKey, certificate.Number, certificate.IssuedOn, certificate.ExpiresOn, certificate.ScopeStatement),
            (copy.StandardKey, copy.Number, copy.IssuedOn, copy.ExpiresOn, copy.ScopeStatement));
        Assert.Equal(certificate.CoveredServiceIds, copy.CoveredServiceIds);
        Assert.Equal(certificate.ClaimedControls, copy.ClaimedControls);
        Assert.NotSame(certificate.ClaimedControls, copy.ClaimedControls);
        Assert.Null(copy.CheckJson);
    }

    [Fact]
    public void Notice_ReportAndReview_ReviewsOnce()
    {
        var certificate = Certificate.Create(DeclarationId.New(), Owner, Input(), []).Value;

        var blank = CertificateNotice.Report(certificate, CertificateChangeKind.Renewed, " ", null, null, "a", Now);
        var early = CertificateNotice.Report(certificate, CertificateChangeKind.Renewed, "Renewed", new DateOnly(2024, 1, 1), null, "a", Now);
        var notice = CertificateNotice.Report(certificate, CertificateChangeKind.Withdrawn, " Withdrawn by the body ", null, null, "a", Now).Value;
        var first = notice.MarkReviewed("mb", " ok ", Now);
        var second = notice.MarkReviewed("mb", null, Now);

        Assert.Equal("certificate.notice-description-required", blank.Error!.Code);
        Assert.Equal("certificate.expiry-before-issue", early.Error!.Code);
        Assert.Equal("Withdrawn by the body", notice.Description);
        Assert.False(first.IsError);
        Assert.Equal("ok", notice.ReviewNote);
        Assert.Equal("certificate.notice-reviewed", second.Error!.Code);
    }

    private static Adhere.Domain.Declarations.Evidence.CertificateCheckResult Evidence(Certificate certificate) =>
        Adhere.Domain.Declarations.Evidence.CertificateCheck.Run(certificate.ToFacts(), [new DeclaredService(Compute, "Compute", null, null)],
            new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), []);
}
