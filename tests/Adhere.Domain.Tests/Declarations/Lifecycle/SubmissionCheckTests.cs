using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;

namespace Adhere.Domain.Tests.Declarations.Lifecycle;

public sealed class SubmissionCheckTests
{
    private static readonly DateOnly Issued = new(2024, 3, 1);
    private static readonly DateOnly Expires = new(2027, 2, 28);

    private static readonly DeclaredService Storage = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000001")), "Storage", "IaaS", "Core");
    private static readonly DeclaredService Compute = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000002")), "Compute", "IaaS", "Core");
    private static readonly DeclaredService Backup = new(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000003")), "Backup", "SaaS", "Core");

    private static CertificateFacts Certificate(int n, bool auditReport = true, DateOnly? issued = null, DateOnly? expires = null) =>
        new(new CertificateId(Guid.Parse($"20000000-0000-0000-0000-{n:D12}")),
            "iso-27001", "2022", $"C-{n}", "Cert Body", null, "All services", [Storage.Id], issued ?? Issued, expires ?? Expires, auditReport, ["5.1.A"]);

    private static SubmissionDraft CreateSut(
        IReadOnlyList<string>? controls = null,
        IReadOnlyDictionary<string, string?>? answers = null,
        IReadOnlyList<DeclaredService>? services = null,
        IReadOnlyList<CertificateFacts>? certificates = null,
        bool contact = true,
        bool agreement = true,
        ComplianceLevel? level = ComplianceLevel.Second,
        RenewalStatement? renewal = null) =>
        new(controls ?? ["5.1.A", "5.1.B", "6.1.A"],
            answers ?? new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.B"] = "We do too.", ["6.1.A"] = "Encrypted." },
            services ?? [Storage],
            certificates ?? [Certificate(1)],
            contact,
            agreement,
            level,
            renewal);

    private static RenewalStatement Renewal(
        IReadOnlyList<DeclaredService>? previous = null,
        bool noMaterialChange = true,
        string? description = null,
        Dictionary<ServiceId, string>? reasons = null,
        HashSet<ServiceId>? sameFamily = null) =>
        new(previous ?? [Storage], noMaterialChange, description, reasons ?? [], sameFamily ?? []);

    [Fact]
    public void Run_CompleteDraft_FindsNothing()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut()));
    }

    [Fact]
    public void Run_CompleteRenewal_FindsNothing()
    {
        var draft = CreateSut(renewal: Renewal());

        Assert.Equal(DeclarationKind.Renewal, draft.Kind);
        Assert.Empty(SubmissionCheck.Run(draft));
    }

    [Fact]
    public void Run_ManyThingsMissing_ListsThemAllInStableOrder()
    {
        var draft = CreateSut(
            answers: new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.B"] = "" },
            services: [Storage with { Category = null }, Compute, Backup with { Category = "  " }],
            certificates: [Certificate(1, auditReport: false), Certificate(2, issued: new DateOnly(2025, 1, 10), expires: new DateOnly(2024, 1, 10))],
            contact: false,
            agreement: false,
            level: null);

        var problems = SubmissionCheck.Run(draft);

        Assert.Equal(
            [
                ("submission.service-category-missing", "Storage"),
                ("submission.service-category-missing", "Backup"),
                ("submission.control-unanswered", "5.1.B"),
                ("submission.control-unanswered", "6.1.A"),
                ("submission.certificate-audit-report-missing", "C-1"),
                ("submission.certificate-dates-invalid", "C-2"),
                ("submission.contact-missing", null),
                ("submission.service-agreement-missing", null),
                ("submission.level-missing", null),
            ],
            problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Run_NoServices_ReportsNoServicesFirst()
    {
        var problems = SubmissionCheck.Run(CreateSut(services: [], contact: false));

        Assert.Equal(["submission.no-services", "submission.contact-missing"], problems.Select(p => p.Code));
    }

    [Fact]
    public void Run_UnnamedService_ReportsNameMissingWithItsId()
    {
        var unnamed = Compute with { Name = " " };

        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(services: [Storage, unnamed])));

        Assert.Equal("submission.service-name-missing", problem.Code);
        Assert.Equal(unnamed.Id.ToString(), problem.Subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    [InlineData(null)]
    public void Run_BlankStatement_CountsAsUnanswered(string? statement)
    {
        var answers = new Dictionary<string, string?> { ["5.1.A"] = "We do.", ["5.1.B"] = statement, ["6.1.A"] = "Encrypted." };

        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(answers: answers)));

        Assert.Equal(("submission.control-unanswered", "5.1.B"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Run_UnansweredControls_MessageSaysHowMany()
    {
        var answers = new Dictionary<string, string?> { ["5.1.A"] = "We do." };

        var problems = SubmissionCheck.Run(CreateSut(answers: answers));

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("2 of 3 controls are unanswered", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_AnswersToControlsOutsideTheCatalogue_AreIgnored()
    {
        var answers = new Dictionary<string, string?> { ["5.1.A"] = "a", ["5.1.B"] = "b", ["6.1.A"] = "c", ["9.9.Z"] = "" };

        Assert.Empty(SubmissionCheck.Run(CreateSut(answers: answers)));
    }

    [Fact]
    public void Run_CertificateExpiringOnItsIssueDay_IsNotADateProblem()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut(certificates: [Certificate(1, issued: Issued, expires: Issued)])));
    }

    [Theory]
    [InlineData(ComplianceLevel.Second)]
    [InlineData(ComplianceLevel.Third)]
    public void Run_HigherLevelWithoutCertificates_ReportsIt(ComplianceLevel level)
    {
        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(certificates: [], level: level)));

        Assert.Equal("submission.level-needs-certificates", problem.Code);
    }

    [Fact]
    public void Run_FirstLevelWithoutCertificates_IsFine()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut(certificates: [], level: ComplianceLevel.First)));
    }

    [Fact]
    public void Run_RenewalWithoutConfirmationOrDescription_ReportsUnconfirmed()
    {
        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(renewal: Renewal(noMaterialChange: false, description: "  "))));

        Assert.Equal("submission.renewal-change-unconfirmed", problem.Code);
    }

    [Fact]
    public void Run_RenewalWithDescriptionOnly_IsFine()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut(renewal: Renewal(noMaterialChange: false, description: "New data centre in Lyon."))));
    }

    [Fact]
    public void Run_RenewalConfirmingNoChangeAndDescribingOne_ReportsContradiction()
    {
        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(renewal: Renewal(noMaterialChange: true, description: "New data centre."))));

        Assert.Equal("submission.renewal-change-contradictory", problem.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Run_RemovedServiceWithoutReason_ReportsItByPreviousName(string? reason)
    {
        var reasons = reason is null ? [] : new Dictionary<ServiceId, string> { [Compute.Id] = reason };

        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(renewal: Renewal(previous: [Storage, Compute], reasons: reasons))));

        Assert.Equal(("submission.removed-service-reason-missing", "Compute"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Run_RemovedServiceWithReason_IsFine()
    {
        var renewal = Renewal(previous: [Storage, Compute], reasons: new() { [Compute.Id] = "Discontinued in March." });

        Assert.Empty(SubmissionCheck.Run(CreateSut(renewal: renewal)));
    }

    [Fact]
    public void Run_AddedServiceWithoutFamilyConfirmation_ReportsIt()
    {
        var problem = Assert.Single(SubmissionCheck.Run(CreateSut(services: [Storage, Backup], renewal: Renewal())));

        Assert.Equal(("submission.added-service-family-unconfirmed", "Backup"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Run_AddedServiceConfirmedSameFamily_IsFine()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut(services: [Storage, Backup], renewal: Renewal(sameFamily: [Backup.Id]))));
    }

    [Fact]
    public void Run_RenamedServiceInRenewal_IsNeitherAddedNorRemoved()
    {
        Assert.Empty(SubmissionCheck.Run(CreateSut(services: [Storage with { Name = "Object Storage" }], renewal: Renewal())));
    }

    [Fact]
    public void Run_RenewalWithSeveralProblems_ListsThemInStableOrder()
    {
        var renewal = Renewal(previous: [Storage, Compute, Backup], noMaterialChange: false);
        var added = new DeclaredService(new ServiceId(Guid.Parse("10000000-0000-0000-0000-000000000004")), "Queue", "PaaS", "Core");

        var problems = SubmissionCheck.Run(CreateSut(services: [added, Storage], contact: false, renewal: renewal));

        Assert.Equal(
            [
                ("submission.contact-missing", null),
                ("submission.renewal-change-unconfirmed", null),
                ("submission.removed-service-reason-missing", "Compute"),
                ("submission.removed-service-reason-missing", "Backup"),
                ("submission.added-service-family-unconfirmed", "Queue"),
            ],
            problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Run_InitialDeclaration_HasNoRenewalChecks()
    {
        var draft = CreateSut(services: [Backup]);

        Assert.Equal(DeclarationKind.Initial, draft.Kind);
        Assert.Empty(SubmissionCheck.Run(draft));
    }
}
