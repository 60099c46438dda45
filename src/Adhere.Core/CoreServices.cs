using Adhere.Core.Accounts;
using Adhere.Core.Audit;
using Adhere.Core.Catalogue;
using Adhere.Core.Declarations;
using Adhere.Core.Demo;
using Adhere.Core.Documents;
using Adhere.Core.Organisations;
using Adhere.Core.Persistence;
using Adhere.Core.Services;
using Adhere.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Adhere.Core;

/// <summary>Registers what both hosts share: the database, Identity stores and every use case, one line each.</summary>
public static class CoreServices
{
    // The options depend on nothing scoped (the interceptors are singletons): built once, not once per request, which
    // cost a quarter of the CPU of the register's verification endpoint (BENCHMARKS.md, issue 7).
    private const ServiceLifetime OptionsLifetime = ServiceLifetime.Singleton;

    public static IServiceCollection AddAdhereCore(this IServiceCollection services, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Caller>();
        // One cache of public register answers per process, dropped after every committed register change (ADR 0017).
        services.TryAddSingleton(Register.RegisterCacheSettings.Default);
        services.AddSingleton<Register.RegisterCache>();
        services.AddSingleton<Register.RegisterChangeInterceptor>();

        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresAdhereDb>((sp, o) => o.UseNpgsql(database.ConnectionString)
                    .AddInterceptors(sp.GetRequiredService<Register.RegisterChangeInterceptor>()), ServiceLifetime.Scoped, OptionsLifetime);
                services.AddScoped<AdhereDb>(sp => sp.GetRequiredService<PostgresAdhereDb>());
                break;
            default:
                services.AddDbContext<SqliteAdhereDb>((sp, o) => o.UseSqlite(database.ConnectionString)
                    .AddInterceptors(SqliteJournal.Instance, sp.GetRequiredService<Register.RegisterChangeInterceptor>()), ServiceLifetime.Scoped, OptionsLifetime);
                services.AddScoped<AdhereDb>(sp => sp.GetRequiredService<SqliteAdhereDb>());
                break;
        }

        services.AddIdentityCore<AdhereUser>(ConfigureIdentity)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AdhereDb>();

        services.AddScoped<DatabaseMigrator>();

        services.AddScoped<AddUser>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<DisableUser>();
        services.AddScoped<EnableUser>();
        services.AddScoped<UserQueries>();
        services.AddScoped<CreateApiToken>();
        services.AddScoped<RevokeApiToken>();
        services.AddScoped<ApiTokenQueries>();
        services.AddScoped<AuthenticateApiToken>();

        services.AddScoped<CreateOrganisation>();
        services.AddScoped<UpdateOrganisationProfile>();
        services.AddScoped<OrganisationQueries>();

        services.AddScoped<AuditQueries>();
        services.AddScoped<VerifyAuditChain>();
        services.AddScoped<Declarations.ListingDecisions>();
        services.AddScoped<Declarations.SuspendDeclaration>();
        services.AddScoped<Declarations.ReinstateDeclaration>();
        services.AddScoped<Declarations.RevokeDeclaration>();
        services.AddScoped<Register.TransparencyLog>();
        services.AddScoped<Register.TransparencyLogQueries>();

        services.TryAddSingleton(new CatalogueSettings());
        services.AddScoped<CatalogueStore>();
        services.AddScoped<CatalogueApplier>();
        services.AddScoped<ImportCatalogue>();
        services.AddScoped<ImportMappings>();
        services.AddScoped<CatalogueQueries>();
        services.AddScoped<FreezeCatalogue>();
        services.AddScoped<ExportCatalogue>();
        services.AddScoped<DiffCatalogues>();

        services.AddScoped<CreateService>();
        services.AddScoped<UpdateService>();
        services.AddScoped<RetireService>();
        services.AddScoped<ReactivateService>();
        services.AddScoped<ServiceQueries>();
        services.AddScoped<AddServiceCategory>();
        services.AddScoped<RemoveServiceCategory>();
        services.AddScoped<ServiceCategoryQueries>();

        // Hosts register the configured settings first; the default keeps tools (migrations, tests) working without them.
        services.TryAddSingleton(EvidenceSettings.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), AppContext.BaseDirectory));
        services.AddSingleton<DocumentStore>();
        services.AddScoped<UploadDocument>();
        services.AddScoped<DocumentQueries>();
        services.AddScoped<OpenDocument>();

        services.TryAddSingleton(Adhere.Domain.Declarations.LevelPolicy.Default);
        services.AddScoped<CatalogueOutlines>();
        services.AddScoped<DeclarationAccess>();
        services.AddScoped<DeclarationEvidence>();
        services.AddScoped<DeclarationQueries>();
        services.AddScoped<DeclarationChoices>();
        services.AddScoped<StartDeclaration>();
        services.AddScoped<UpdateDeclaration>();
        services.AddScoped<SaveAnswer>();
        services.AddScoped<SubmitDeclaration>();
        services.AddScoped<WithdrawDeclaration>();
        services.AddScoped<CertificateInputCheck>();
        services.AddScoped<AddCertificate>();
        services.AddScoped<UpdateCertificate>();
        services.AddScoped<RemoveCertificate>();
        services.AddScoped<ReportCertificateChange>();
        services.AddScoped<ReviewCertificateNotice>();
        services.AddScoped<StartRenewal>();
        services.AddScoped<StateRenewal>();
        services.AddScoped<VerificationNumbers>();
        services.AddScoped<ImportDeclarationBundle>();
        services.AddScoped<ExportDeclarationBundle>();

        services.TryAddSingleton(Adhere.Domain.Complaints.ComplaintSettings.Default);
        services.AddScoped<Complaints.ComplaintReferences>();
        services.AddScoped<Complaints.SubmitComplaint>();
        services.AddScoped<Complaints.ComplaintStatusLookup>();
        services.AddScoped<Complaints.MoveComplaint>();
        services.AddScoped<Complaints.ComplaintQueries>();
        services.TryAddSingleton(Complaints.Measures.ComplaintMeasureSettings.Default);
        services.AddScoped<Complaints.Measures.ComplaintMeasureQueries>();
        services.AddScoped<Complaints.Measures.ImposeComplaintMeasure>();
        services.AddScoped<Complaints.Measures.LiftComplaintMeasure>();
        services.AddScoped<Complaints.Measures.FollowUpComplaintMeasure>();
        services.AddScoped<Complaints.AuthorityNotices.AuthorityNoticeWriter>();
        services.AddScoped<Complaints.Investigation.InvestigationUploads>();
        services.AddScoped<Complaints.Investigation.AskComplaintQuestion>();
        services.AddScoped<Complaints.Investigation.AnswerProviderQuestion>();
        services.AddScoped<Complaints.Investigation.AnswerComplainantQuestion>();
        services.AddScoped<Complaints.Investigation.AddComplaintNote>();
        services.AddScoped<Complaints.Investigation.InvestigationQueries>();
        services.AddScoped<Complaints.Investigation.ComplainantQuestionLookup>();
        services.AddScoped<Complaints.ComplaintYearSummary>();
        services.AddScoped<Complaints.ComplaintAccess>();
        services.AddScoped<Complaints.ComplaintReminders>();
        services.AddScoped<Complaints.ComplaintWorkQueue>();
        services.AddScoped<Complaints.TagComplaint>();
        services.AddScoped<Complaints.OpenComplaintAssessment>();
        services.AddScoped<Complaints.ComplaintLinkQueries>();

        services.TryAddSingleton(Mail.MailSettings.Disabled);
        services.AddScoped<Mail.Outbox>();
        services.AddScoped<Mail.MailDispatcher>();

        services.TryAddSingleton(Assessments.AssessmentSettings.Default);
        services.AddScoped<Assessments.DeclareConflict>();
        services.AddScoped<Assessments.EndConflict>();
        services.AddScoped<Assessments.ConflictQueries>();
        services.AddScoped<Assessments.OpenAssessment>();
        services.AddScoped<Assessments.AssessmentQueries>();
        services.AddScoped<Reports.ReportTemplateStore>();
        services.AddScoped<Reports.ReportBuilder>();
        services.AddScoped<Reports.Oscal.OscalResultsExporter>();
        services.AddScoped<Assessments.AssessmentWorkQueue>();
        services.AddScoped<Assessments.AssessmentWork>();
        services.AddScoped<Assessments.AssignAssessor>();
        services.AddScoped<Assessments.AssignDecisionMaker>();
        services.AddScoped<Assessments.RecordChecklistItem>();
        services.AddScoped<Assessments.ReviewCertificateCheck>();
        services.AddScoped<Assessments.CompleteFactFinding>();
        services.AddScoped<Assessments.RequestClarification>();
        services.AddScoped<Assessments.CloseClarification>();
        services.AddScoped<Assessments.ResumeAssessment>();
        services.AddScoped<Assessments.RecordControlFinding>();
        services.AddScoped<Assessments.RecordNarrativeFinding>();
        services.AddScoped<Assessments.SendToDecision>();
        services.AddScoped<Assessments.SendBackAssessment>();
        services.AddScoped<Assessments.ApproveAssessment>();
        services.AddScoped<Assessments.RejectAssessment>();
        services.AddScoped<Assessments.CancelAssessment>();
        services.AddScoped<Assessments.ReplyToClarification>();
        services.AddScoped<Assessments.ProviderClarifications>();
        services.AddScoped<Assessments.Selection.SelectionQueries>();
        services.AddScoped<Assessments.Selection.SelectionGate>();
        services.AddScoped<Assessments.Selection.SelectControls>();
        services.AddScoped<Assessments.Selection.AdjustSelection>();
        services.AddScoped<Assessments.Selection.FreezeSelection>();
        services.AddScoped<Assessments.Selection.CoverageQueries>();
        services.AddScoped<Assessments.Selection.AttentionTopicQueries>();
        services.AddScoped<Assessments.Selection.AddAttentionTopic>();
        services.AddScoped<Assessments.Selection.UpdateAttentionTopic>();
        services.AddScoped<Assessments.Selection.RemoveAttentionTopic>();

        services.AddScoped<Monitoring.RunMonitoringJobs>();

        services.TryAddSingleton(Reports.Signing.SigningSettings.None);
        services.AddScoped<Reports.Signing.CreateSigningKey>();
        services.AddScoped<Reports.Signing.RotateSigningKey>();
        services.AddScoped<Reports.Signing.SigningKeyQueries>();
        services.AddScoped<Reports.Signing.ManifestSigner>();
        services.AddScoped<Reports.Frozen.ReportFreezer>();
        services.AddScoped<Reports.Frozen.SignPendingReports>();
        services.AddScoped<Reports.Frozen.FrozenReportQueries>();
        services.AddScoped<Reports.Frozen.ReportVerifier>();
        services.AddScoped<Register.RegisterQueries>();
        services.AddScoped<Register.RegisterFeed>();
        services.AddScoped<Register.Status.IssueStatusDocument>();
        services.AddSingleton<Register.Status.StatusSignatureCache>();

        services.AddScoped<DemoDeclarations>();
        services.AddScoped<DemoAssessments>();
        services.AddScoped<DemoComplaints>();
        services.AddScoped<DemoSeeder>();
        return services;
    }

    /// <summary>The password and lockout policy, shared by sign-in pages and the CLI.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 5;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }
}
