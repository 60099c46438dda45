using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>
/// Reads declarations; the tenancy filter limits a CSP member to its own organisation's. Reading a declaration
/// refreshes its certificate checks (the decision date moves with the calendar) and saves them when they changed.
/// </summary>
public sealed class DeclarationQueries(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, CatalogueOutlines outlines)
{
    /// <summary>Visible declarations, optionally of one organisation, most recently changed first.</summary>
    public async Task<IReadOnlyList<DeclarationSummary>> ListAsync(Guid? organisationId, CancellationToken ct)
    {
        var query = db.Declarations.AsNoTracking();
        if (organisationId is { } org) query = query.Where(d => d.OrganisationId == new OrganisationId(org));
        var rows = await (from d in query
                          join o in db.Organisations on d.OrganisationId equals o.Id
                          select new
                          {
                              Declaration = d,
                              OrganisationName = o.Name,
                              Services = db.DeclarationServices.Count(s => s.DeclarationId == d.Id),
                              Certificates = db.Certificates.Count(c => c.DeclarationId == d.Id),
                              AnsweredKeys = db.ControlAnswers.Where(a => a.DeclarationId == d.Id && a.Statement != null).Select(a => a.ControlKey).ToList(),
                          }).ToListAsync(ct);
        var summaries = new List<DeclarationSummary>();
        foreach (var row in rows.OrderByDescending(r => r.Declaration.UpdatedAt))
        {
            var outline = await outlines.GetAsync(row.Declaration.CatalogueId, ct);
            var keys = outline?.ControlsFor(row.Declaration.Modules).Select(c => c.Key).ToHashSet(StringComparer.Ordinal) ?? [];
            summaries.Add(Summary(row.Declaration, row.OrganisationName, row.Services, row.Certificates, row.AnsweredKeys.Count(keys.Contains), keys.Count));
        }

        return summaries;
    }

    /// <summary>The whole declaration: services, progress per section, certificates with checks, proposal, what is missing.</summary>
    public async Task<Result<DeclarationDetails>> GetAsync(Guid id, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        if (await evidence.RefreshChecksAsync(declaration, ct)) await db.SaveChangesAsync(ct);
        return await DetailsAsync(declaration, ct);
    }

    /// <summary>The controls to answer with their answers, optionally of one section (and its subsections).</summary>
    public async Task<Result<IReadOnlyList<AnswerView>>> AnswersAsync(Guid id, string? section, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        if (await evidence.RefreshChecksAsync(declaration, ct)) await db.SaveChangesAsync(ct);
        var outline = await OutlineAsync(declaration, ct);
        var (coverage, _) = await evidence.AssessAsync(declaration, ct);
        var controls = outline.ControlsFor(declaration.Modules);
        if (!string.IsNullOrWhiteSpace(section))
        {
            var within = SectionAndBelow(outline, section.Trim());
            controls = [.. controls.Where(c => within.Contains(c.SectionKey))];
        }

        return controls.Select(c => Answer(declaration, c, coverage)).ToList();
    }

    /// <summary>One control's answer.</summary>
    public async Task<Result<AnswerView>> AnswerAsync(Guid id, string controlKey, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        var outline = await OutlineAsync(declaration, ct);
        var control = outline.ControlsFor(declaration.Modules).FirstOrDefault(c => c.Key == controlKey);
        if (control is null) return DeclarationErrors.UnknownControl(controlKey);
        var (coverage, _) = await evidence.AssessAsync(declaration, ct);
        return Answer(declaration, control, coverage);
    }

    /// <summary>Open and reviewed certificate change notices, newest first; MB staff see all providers'.</summary>
    public async Task<IReadOnlyList<NoticeView>> NoticesAsync(bool openOnly, CancellationToken ct)
    {
        var query = db.CertificateNotices.AsNoTracking();
        if (openOnly) query = query.Where(n => n.ReviewedAt == null);
        return await NoticeViews(query, ct);
    }

    internal async Task<DeclarationDetails> DetailsAsync(Declaration declaration, CancellationToken ct)
    {
        var outline = await OutlineAsync(declaration, ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var controls = outline.ControlsFor(declaration.Modules);
        var answered = declaration.Answers.Where(a => a.IsAnswered).Select(a => a.ControlKey).ToHashSet(StringComparer.Ordinal);
        var (coverage, proposal) = await evidence.AssessAsync(declaration, ct);
        var backed = coverage.Controls.Where(c => c.Basis == EvidenceBasis.ThirdParty).Select(c => c.ControlKey).ToHashSet(StringComparer.Ordinal);

        var serviceIds = declaration.Services.Select(s => s.ServiceId).Concat(declaration.RemovedServices.Select(r => r.ServiceId)).ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var declared = declaration.Services.OrderBy(s => s.Position).Where(s => services.ContainsKey(s.ServiceId))
            .Select(s => (Entry: s, Service: services[s.ServiceId]))
            .Select(x => new DeclaredServiceView(x.Service.Id.Value, x.Service.Name, x.Service.Category, x.Service.Family,
                x.Service.Status == ServiceStatus.Active ? "active" : "retired", x.Entry.SameFamilyConfirmed))
            .ToList();

        var documentIds = declaration.Agreements.Select(a => new Domain.Declarations.Documents.DocumentId(a.DocumentId)).ToList();
        var documentNames = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id.Value, d => d.FileName, ct);
        var agreements = declaration.Agreements
            .Select(a => new AgreementView(a.DocumentId, documentNames.GetValueOrDefault(a.DocumentId, "(missing)"), KindName(a.Kind)))
            .ToList();

        var sections = outline.Sections.Select(s =>
        {
            var within = SectionAndBelow(outline, s.Key);
            var inSection = controls.Where(c => within.Contains(c.SectionKey)).ToList();
            return new SectionProgress(s.Key, s.Title, s.Depth, inSection.Count, inSection.Count(c => answered.Contains(c.Key)), inSection.Count(c => backed.Contains(c.Key)));
        }).Where(s => s.Controls > 0).ToList();

        var problems = await ProblemsAsync(declaration, controls, ct);
        var role = access.RoleOfCaller(Role.MbAdministrator);
        var actions = DeclarationLifecycle.AllowedTriggers(declaration.Status, role).Select(t => t.ToString()).ToList();

        var summary = Summary(declaration, organisation, declaration.Services.Count, declaration.Certificates.Count,
            controls.Count(c => answered.Contains(c.Key)), controls.Count);
        var notices = await NoticeViews(db.CertificateNotices.AsNoTracking().Where(n => n.DeclarationId == declaration.Id), ct);
        var verifications = await db.VerificationRecords.AsNoTracking().Where(v => v.DeclarationId == declaration.Id)
            .OrderByDescending(v => v.ApprovedOn)
            .Select(v => new VerificationView(v.VerificationId, (int)v.Level, v.ApprovedOn, v.ValidUntil, v.ReportDocumentId, v.Source.ToString()))
            .ToListAsync(ct);

        return new DeclarationDetails(
            summary, declaration.ContactName, declaration.ContactEmail, declared, agreements, sections,
            [.. declaration.Certificates.Select(CertificateViewOf)],
            new ProposalView((int)proposal.Level, proposal.Reason.ToString(), proposal.Explanation, proposal.FullyBackedSections, proposal.Warnings,
                coverage.Overall.Controls, coverage.Overall.Backed, coverage.Overall.Share),
            problems, actions, await RenewalAsync(declaration, services, ct), notices, verifications);
    }

    /// <summary>The submission check's findings plus services another open declaration of the same Code holds.</summary>
    internal async Task<IReadOnlyList<ProblemItem>> ProblemsAsync(Declaration declaration, IReadOnlyList<OutlineControl> controls, CancellationToken ct)
    {
        var services = await evidence.DeclaredServicesAsync(declaration, ct);
        RenewalStatement? renewal = null;
        if (declaration.RenewsId is { } renews)
        {
            var previous = await db.DeclarationServices.AsNoTracking().Where(s => s.DeclarationId == renews).OrderBy(s => s.Position).Select(s => s.ServiceId).ToListAsync(ct);
            var previousServices = await db.Services.AsNoTracking().Where(s => previous.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            renewal = new RenewalStatement(
                [.. previous.Where(previousServices.ContainsKey).Select(p => previousServices[p]).Select(s => new DeclaredService(s.Id, s.Name, s.Category, s.Family))],
                declaration.NoMaterialChange == true,
                declaration.NoMaterialChange == true ? null : declaration.ChangeDescription,
                declaration.RemovedServices.ToDictionary(r => r.ServiceId, r => r.Reason),
                declaration.Services.Where(s => s.SameFamilyConfirmed).Select(s => s.ServiceId).ToHashSet());
        }

        var draft = new SubmissionDraft(
            [.. controls.Select(c => c.Key)],
            declaration.Answers.ToDictionary(a => a.ControlKey, a => a.Statement, StringComparer.Ordinal),
            services,
            [.. declaration.Certificates.Select(c => c.ToFacts())],
            declaration.ContactEmail is not null,
            declaration.Agreements.Any(a => a.Kind is AgreementKind.ServiceAgreement or AgreementKind.DataProcessingAgreement),
            declaration.RequestedLevel,
            renewal);
        var problems = SubmissionCheck.Run(draft).Select(p => new ProblemItem(p.Code, p.Message, p.Subject)).ToList();
        foreach (var conflict in await ConflictsAsync(declaration, services, ct))
        {
            var error = LifecycleErrors.ServiceAlreadyDeclared(conflict);
            problems.Add(new ProblemItem(error.Code, error.Message, conflict.ServiceName));
        }

        return problems;
    }

    /// <summary>Services of <paramref name="declaration"/> held by another open declaration of the same Code.</summary>
    internal async Task<IReadOnlyList<ServiceConflict>> ConflictsAsync(Declaration declaration, IReadOnlyList<DeclaredService> services, CancellationToken ct)
    {
        var others = await db.Declarations.AsNoTracking()
            .Where(d => d.OrganisationId == declaration.OrganisationId && d.Id != declaration.Id)
            .Select(d => new { d.Id, d.CodeName, d.CodeVersion, d.Status, d.RenewsId, Services = db.DeclarationServices.Where(s => s.DeclarationId == d.Id).Select(s => s.ServiceId).ToList() })
            .ToListAsync(ct);
        return ServiceExclusivity.FindConflicts(
            new ExclusivityCandidate(declaration.Id, declaration.CodeName, services, declaration.RenewsId),
            others.Select(o => new ExistingDeclaration(o.Id, o.CodeName, o.CodeVersion, o.Status, o.Services, o.RenewsId)));
    }

    private async Task<RenewalView?> RenewalAsync(Declaration declaration, Dictionary<ServiceId, CloudService> services, CancellationToken ct)
    {
        if (declaration.RenewsId is not { } renews) return null;
        var previous = await access.LoadAsync(renews.Value, ct);
        if (previous is null) return null;
        var previousSnapshot = await SnapshotAsync(previous, ct);
        var currentSnapshot = await SnapshotAsync(declaration, ct);
        var difference = RenewalDifference.Compare(previousSnapshot, currentSnapshot, evidence.DecisionDate(declaration));
        var reasons = declaration.RemovedServices.ToDictionary(r => r.ServiceId, r => r.Reason);
        var removed = difference.ServicesRemoved.Select(s => new RemovedServiceView(s.Id.Value, s.Name, reasons.GetValueOrDefault(s.Id))).ToList();
        return new RenewalView(renews.Value, declaration.NoMaterialChange, declaration.ChangeDescription, removed, difference);
    }

    /// <summary>A declaration as the renewal comparison sees it; certificates are matched by lineage across years.</summary>
    internal async Task<DeclarationSnapshot> SnapshotAsync(Declaration declaration, CancellationToken ct)
    {
        var outline = await OutlineAsync(declaration, ct);
        return new DeclarationSnapshot(
            [.. outline.ControlsFor(declaration.Modules).Select(c => c.Key)],
            declaration.Answers.ToDictionary(a => a.ControlKey, a => a.Statement, StringComparer.Ordinal),
            await evidence.DeclaredServicesAsync(declaration, ct),
            [.. declaration.Certificates.Select(c => c.ToFacts(useLineageAsId: true))]);
    }

    private async Task<CatalogueOutline> OutlineAsync(Declaration declaration, CancellationToken ct) =>
        await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException($"Catalogue {declaration.CatalogueId} of declaration {declaration.Id} is missing.");

    private async Task<IReadOnlyList<NoticeView>> NoticeViews(IQueryable<CertificateNotice> notices, CancellationToken ct)
    {
        var rows = await (from n in notices
                          join c in db.Certificates on n.CertificateId equals c.Id
                          join o in db.Organisations on n.OrganisationId equals o.Id
                          select new { Notice = n, c.Number, c.StandardKey, OrganisationName = o.Name }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Notice.ReportedAt).Select(r => new NoticeView(
            r.Notice.Id, r.Notice.DeclarationId.Value, r.Notice.OrganisationId.Value, r.OrganisationName, r.Notice.CertificateId.Value, r.Number, r.StandardKey,
            NoticeKindName(r.Notice.Kind), r.Notice.Description, r.Notice.NewExpiresOn, r.Notice.DocumentId, r.Notice.ReportedAt, r.Notice.ReportedBy,
            r.Notice.ReviewedAt, r.Notice.ReviewedBy, r.Notice.ReviewNote))];
    }

    private static AnswerView Answer(Declaration declaration, OutlineControl control, EvidenceCoverageResult coverage)
    {
        var answer = declaration.Answers.FirstOrDefault(a => a.ControlKey == control.Key);
        var evidenceOf = coverage.Controls.FirstOrDefault(c => c.ControlKey == control.Key);
        var backers = evidenceOf?.BackedBy.Select(b => b.Id).ToHashSet() ?? [];
        var cited = declaration.Certificates
            .Where(c => c.ClaimedControls.Contains(control.Key, StringComparer.Ordinal))
            .Select(c => new BackingView(c.Id.Value, c.StandardKey, c.Number, backers.Contains(c.Id)))
            .ToList();
        return new AnswerView(control.Key, control.Title, control.Statement, control.Guidance, control.SectionKey, control.TopSection,
            answer?.Statement, answer?.Measures, answer?.DocumentIds ?? [], cited,
            evidenceOf?.Basis == EvidenceBasis.ThirdParty ? "third-party" : "self-declared",
            answer?.IsAnswered ?? false, answer?.UpdatedAt, answer?.UpdatedBy);
    }

    internal static CertificateView CertificateViewOf(Certificate c)
    {
        var check = DeclarationEvidence.StoredCheckOf(c);
        return new CertificateView(c.Id.Value, c.LineageId, c.StandardKey, c.StandardVersion, c.Number, c.CertificationBody, c.AccreditationBody,
            c.ScopeStatement, c.CoveredServiceIds, c.IssuedOn, c.ExpiresOn, c.AuditReportDocumentId, c.ClaimedControls,
            check is null ? null : new CertificateCheckView(Kebab(check.Result.Outcome.ToString()), check.CheckedAt, check.Result.DecisionDate,
                check.Result.ValidityEnd, Kebab(check.Result.Validity.ToString()), check.Result.Scope, check.Result.Controls, check.Result.Findings));
    }

    internal static DeclarationSummary Summary(Declaration d, string organisationName, int services, int certificates, int answered, int controls) =>
        new(d.Id.Value, d.OrganisationId.Value, organisationName, d.CodeName, d.CodeVersion, d.Modules, Kebab(d.Kind.ToString()), d.Status, d.Title,
            (int?)d.RequestedLevel, services, certificates, answered, controls, d.RenewsId?.Value, d.VerificationId, (int?)d.GrantedLevel, d.ValidUntil,
            d.ReviewFlaggedAt is not null, d.CreatedAt, d.UpdatedAt, d.SubmittedAt);

    internal static HashSet<string> SectionAndBelow(CatalogueOutline outline, string key)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { key };
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var s in outline.Sections)
            {
                if (s.ParentKey is not null && result.Contains(s.ParentKey) && result.Add(s.Key)) grew = true;
            }
        }

        return result;
    }

    internal static string KindName(AgreementKind kind) => kind switch
    {
        AgreementKind.ServiceAgreement => "service-agreement",
        AgreementKind.DataProcessingAgreement => "data-processing-agreement",
        _ => "other",
    };

    internal static string NoticeKindName(CertificateChangeKind kind) => kind switch
    {
        CertificateChangeKind.Renewed => "renewed",
        CertificateChangeKind.ScopeChanged => "scope-changed",
        _ => "withdrawn",
    };

    // "PassedWithWarnings" → "passed-with-warnings"
    internal static string Kebab(string name) => EnumNames.Kebab(name);
}
