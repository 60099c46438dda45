using System.Globalization;
using System.Security.Cryptography;
using Adhere.Core.Catalogue;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Documents;
using Adhere.Domain.Declarations.Evidence;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>What an import created (or, in a dry run, would create).</summary>
/// <param name="DeclarationId">The new declaration; null in a dry run.</param>
public sealed record BundleImportReport(
    Guid? DeclarationId,
    bool DryRun,
    string Organisation,
    bool OrganisationCreated,
    string Code,
    string Status,
    int CategoriesCreated,
    int ServicesCreated,
    int ServicesMatched,
    int Documents,
    int Answers,
    int Certificates,
    int Verifications);

/// <summary>
/// Imports a declaration bundle (docs/formats/declaration-bundle.md), all or nothing: every problem is collected
/// before anything is written and returned together (<c>declaration-bundle.invalid</c>, each with its JSON path);
/// the writes run in one transaction. The organisation is matched by name (ignoring case) or created; its services are
/// matched by name or created; missing categories join the Code's list. A <c>verified</c> bundle keeps its
/// Verification-IDs, so new IDs continue after the highest imported number (<see cref="VerificationNumbers"/>).
/// Meant for the system caller (the CLI), which sees every organisation.
/// </summary>
public sealed class ImportDeclarationBundle(
    AdhereDb db,
    DeclarationQueries queries,
    DeclarationEvidence evidence,
    CatalogueOutlines outlines,
    DocumentStore store,
    EvidenceSettings settings,
    Register.TransparencyLog register,
    TimeProvider time)
{
    public sealed record Command(Stream Content, bool DryRun);

    private static readonly DeclarationStatus[] Importable = [DeclarationStatus.Draft, DeclarationStatus.Submitted, DeclarationStatus.Verified];

    public async Task<Result<BundleImportReport>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!db.Caller.SeesAllOrganisations) return new ForbiddenError("declaration-bundle.forbidden", "Only the Monitoring Body's system tools import declaration bundles.");
        var read = await DeclarationBundleFormat.ReadAsync(command.Content, ct);
        if (read.IsError) return read.Error!;

        var plan = await PlanAsync(read.Value, ct);
        if (plan.Problems.Count > 0) return DeclarationBundleFormat.Invalid(plan.Problems);
        var report = plan.Report(null, command.DryRun);
        if (command.DryRun) return report;

        var declaration = plan.Declaration!;
        var now = time.GetUtcNow();
        await using var unit = await db.BeginUnitAsync(ct);
        try
        {
            if (plan.OrganisationCreated) db.Organisations.Add(plan.Organisation!);
            db.ServiceCategories.AddRange(plan.NewCategories);
            db.Services.AddRange(plan.NewServices);
            foreach (var (document, bytes) in plan.Documents)
            {
                // Content first, then the row (as UploadDocument does): a row never points at missing content, and
                // content left behind by a failed import is harmless in a content-addressed store.
                await using var incoming = await store.ReceiveAsync(new MemoryStream(bytes, writable: false), settings.MaxUploadBytes, FileSniffer.HeadLength, ct);
                await store.CommitAsync(incoming);
                db.Documents.Add(document);
            }

            plan.Catalogue!.FrozenAt ??= now;
            db.Declarations.Add(declaration);
            db.VerificationRecords.AddRange(plan.Verifications);
            await db.SaveChangesAsync(ct);

            if (plan.Status == DeclarationStatus.Submitted)
            {
                // A submitted bundle must pass the submission check a provider's own submission passes.
                var incomplete = await queries.ProblemsAsync(declaration, plan.Outline!.ControlsFor(declaration.Modules), ct);
                if (incomplete.Count > 0)
                {
                    db.ChangeTracker.Clear();
                    return DeclarationBundleFormat.Invalid([.. incomplete.Select(p => p with { Subject = p.Subject is null ? "$.declaration" : $"$.declaration ({p.Subject})" })]);
                }

                var fired = declaration.Fire(DeclarationTrigger.Submit, Role.CspEditor, now);
                if (fired.IsError)
                {
                    db.ChangeTracker.Clear();
                    return fired.Error!;
                }
            }

            await evidence.RefreshChecksAsync(declaration, ct);
            db.Record("declaration.imported", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
                .Added("organisation", plan.Organisation!.Name + (plan.OrganisationCreated ? " (created)" : ""))
                .Added("code", $"{declaration.CodeName} {declaration.CodeVersion}")
                .Added("status", DeclarationBundleFormat.StatusName(declaration.Status))
                .Added("categoriesCreated", Count(report.CategoriesCreated))
                .Added("servicesCreated", Count(report.ServicesCreated))
                .Added("servicesMatched", Count(report.ServicesMatched))
                .Added("documents", Count(report.Documents))
                .Added("answers", Count(report.Answers))
                .Added("certificates", Count(report.Certificates))
                .Added("verifications", Count(report.Verifications))
                .Added("verificationId", declaration.VerificationId));
            // A verified declaration brought over from elsewhere enters the register here, so the public log says so.
            if (declaration.Status == DeclarationStatus.Verified && declaration.VerificationId is { } listedId && declaration.GrantedLevel is { } level)
            {
                await register.AppendAsync(new Register.TransparencyLogChange(Register.TransparencyLogEvents.Listed, listedId, null, plan.Organisation!.Name,
                    (int)level, declaration.ValidUntil), ct);
            }

            await db.SaveChangesAsync(ct);
            await unit.CommitAsync(ct);
        }
        catch
        {
            db.DiscardPendingAudit();
            db.ChangeTracker.Clear();
            throw;
        }

        return plan.Report(declaration.Id.Value, false);
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds every entity in memory, checking as it goes; nothing is added to the context.</summary>
    private async Task<Plan> PlanAsync(DeclarationBundle bundle, CancellationToken ct)
    {
        var plan = new Plan();
        var problems = plan.Problems;
        void Problem(string path, Error error) => problems.Add(new ProblemItem(error.Code, error.Message, path));
        void Duplicate(string path, string key) => problems.Add(new ProblemItem("declaration-bundle.duplicate-key", $"The key '{key}' is used twice.", path));
        void UnknownKey(string path, string what, string key) =>
            problems.Add(new ProblemItem("declaration-bundle.unknown-key", $"No {what} with the key '{key}' is in the bundle.", path));

        var now = time.GetUtcNow();
        var actor = db.Caller.ActorName;
        var decl = bundle.Declaration;

        // The Code version must already be imported; without it nothing that depends on the catalogue can be checked.
        var catalogue = await StartDeclaration.FindCatalogueAsync(db, decl.Code.Name, decl.Code.Version, ct);
        if (catalogue.IsError) Problem("$.declaration.code", catalogue.Error!);
        else plan.Catalogue = catalogue.Value;
        var header = plan.Catalogue;
        var outline = header is null ? null : await outlines.GetAsync(header.Id, ct);
        plan.Outline = outline;

        var status = DeclarationBundleFormat.ParseStatus(decl.Status);
        if (status is not { } s || !Importable.Contains(s))
        {
            problems.Add(new ProblemItem("declaration-bundle.status-not-importable",
                $"A declaration in status '{decl.Status}' cannot be imported: only draft, submitted and verified ones can.", "$.declaration.status"));
        }

        plan.Status = status ?? DeclarationStatus.Draft;

        // Organisation: the existing one of that name, or a new provider.
        var orgName = Organisation.Normalize(bundle.Organisation.Name);
        var existing = await db.Organisations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.NormalizedName == orgName, ct);
        if (existing is not null)
        {
            plan.Organisation = existing;
            if (existing.IsMonitoringBody) Problem("$.organisation.name", ServiceErrors.OrganisationNotProvider());
        }
        else
        {
            var created = Organisation.Create(bundle.Organisation.Name, OrganisationKind.CloudServiceProvider, now);
            if (created.IsError) Problem("$.organisation.name", created.Error!);
            else
            {
                var o = bundle.Organisation;
                var profiled = created.Value.UpdateProfile(o.Name, o.Address, o.Website, o.PrivacyContactEmail);
                if (profiled.IsError) Problem("$.organisation", profiled.Error!);
                plan.Organisation = created.Value;
                plan.OrganisationCreated = true;
            }
        }

        var orgId = plan.Organisation?.Id ?? OrganisationId.New();

        // Categories: of the declaration's Code; those missing from its list are added at the end.
        var codeName = header?.Name ?? decl.Code.Name.Trim();
        var codeKey = ServiceCategory.Normalize(codeName);
        var listed = await db.ServiceCategories.AsNoTracking().Where(c => c.NormalizedCodeName == codeKey).ToListAsync(ct);
        var categoryNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in listed) categoryNames.TryAdd(c.NormalizedName, c.Name);
        var position = listed.Count == 0 ? 0 : listed.Max(c => c.Position);
        foreach (var (name, i) in (bundle.Categories ?? []).Select((n, i) => (n, i)))
        {
            var normalized = ServiceCategory.Normalize(name);
            if (categoryNames.ContainsKey(normalized))
            {
                if (plan.NewCategories.Exists(c => c.NormalizedName == normalized)) Duplicate($"$.categories[{i}]", name);
                continue;
            }

            var created = ServiceCategory.Create(codeName, name, ++position);
            if (created.IsError)
            {
                Problem($"$.categories[{i}]", created.Error!);
                continue;
            }

            plan.NewCategories.Add(created.Value);
            categoryNames[normalized] = created.Value.Name;
        }

        // Services: matched by name within an existing organisation, otherwise created.
        var orgServices = existing is null
            ? []
            : await db.Services.IgnoreQueryFilters().Where(x => x.OrganisationId == existing.Id).ToListAsync(ct);
        var services = new Dictionary<string, CloudService>(StringComparer.Ordinal);
        foreach (var (svc, i) in (bundle.Services ?? []).Select((x, i) => (x, i)))
        {
            var path = $"$.services[{i}]";
            if (services.ContainsKey(svc.Key))
            {
                Duplicate($"{path}.key", svc.Key);
                continue;
            }

            var match = orgServices.Find(x => x.NormalizedName == CloudService.Normalize(svc.Name));
            if (match is not null)
            {
                services[svc.Key] = match;
                plan.MatchedServices++;
                continue;
            }

            string? category = null;
            if (!string.IsNullOrWhiteSpace(svc.Category) && !categoryNames.TryGetValue(ServiceCategory.Normalize(svc.Category), out category))
            {
                problems.Add(new ProblemItem("declaration-bundle.unknown-category",
                    $"The category '{svc.Category}' is neither in the Code's list nor under 'categories' in the bundle.", $"{path}.category"));
            }

            var created = CloudService.Create(orgId, svc.Name, svc.Description, category, svc.Family, now);
            if (created.IsError)
            {
                Problem(path, created.Error!);
                continue;
            }

            if (svc.Status == "retired") created.Value.Retire(now);
            if (plan.NewServices.Exists(x => x.NormalizedName == created.Value.NormalizedName))
            {
                problems.Add(new ProblemItem("declaration-bundle.duplicate-service", $"Two services are named '{svc.Name}'.", $"{path}.name"));
            }

            plan.NewServices.Add(created.Value);
            services[svc.Key] = created.Value;
        }

        // Documents: inline base64, checked like an upload (name, size, type by content) and against their SHA-256.
        var documents = new Dictionary<string, EvidenceDocument>(StringComparer.Ordinal);
        foreach (var (doc, i) in (bundle.Documents ?? []).Select((x, i) => (x, i)))
        {
            var path = $"$.documents[{i}]";
            if (documents.ContainsKey(doc.Key))
            {
                Duplicate($"{path}.key", doc.Key);
                continue;
            }

            var document = CheckDocument(doc, path, orgId, actor, now, problems);
            if (document is null) continue;
            documents[doc.Key] = document.Value.Document;
            plan.Documents.Add(document.Value);
        }

        Guid? DocumentRef(string? key, string path)
        {
            if (key is null) return null;
            if (documents.TryGetValue(key, out var d)) return d.Id.Value;
            if (!(bundle.Documents ?? []).Any(x => x.Key == key)) UnknownKey(path, "document", key);
            return null;
        }

        if (header is null || outline is null || plan.Organisation is null) return plan;

        // The declaration itself.
        var modules = (decl.Modules ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var knownModules = outline.Modules.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (module, i) in (decl.Modules ?? []).Select((m, i) => (m, i)))
        {
            if (!knownModules.Contains(module.Trim())) Problem($"$.declaration.modules[{i}]", DeclarationErrors.UnknownModule(module));
        }

        var kind = decl.Kind == "renewal" ? DeclarationKind.Renewal : DeclarationKind.Initial;
        var declaration = Declaration.Start(orgId, header.Id, header.Name, header.Version, modules, now, kind: kind);
        plan.Declaration = declaration;
        var described = declaration.Describe(decl.Title, (ComplianceLevel?)decl.RequestedLevel, decl.Contact?.Name, decl.Contact?.Email, now);
        if (described.IsError) Problem(FieldPath("$.declaration", described.Error!), described.Error!);

        var inScope = new List<CloudService>();
        foreach (var (key, i) in (decl.Services ?? []).Select((k, i) => (k, i)))
        {
            var path = $"$.declaration.services[{i}]";
            if (!services.TryGetValue(key, out var service))
            {
                if (!(bundle.Services ?? []).Any(x => x.Key == key)) UnknownKey(path, "service", key);
                continue;
            }

            if (inScope.Contains(service)) Duplicate(path, key);
            else inScope.Add(service);
        }

        declaration.SetServices([.. inScope.Select(x => x.Id)], now);
        var declared = inScope.Select(x => new DeclaredService(x.Id, x.Name, x.Category, x.Family)).ToList();
        foreach (var conflict in await queries.ConflictsAsync(declaration, declared, ct))
        {
            var error = LifecycleErrors.ServiceAlreadyDeclared(conflict);
            var index = IndexOf(decl.Services ?? [], services, conflict.ServiceId);
            problems.Add(new ProblemItem(error.Code, error.Message, $"$.declaration.services[{index.ToString(CultureInfo.InvariantCulture)}]"));
        }

        var agreements = new List<(Guid, AgreementKind)>();
        foreach (var (agreement, i) in (decl.Agreements ?? []).Select((a, i) => (a, i)))
        {
            var kindOf = UpdateDeclaration.ParseAgreementKind(agreement.Kind);
            if (kindOf.IsError) Problem($"$.declaration.agreements[{i}].kind", kindOf.Error!);
            if (DocumentRef(agreement.Document, $"$.declaration.agreements[{i}].document") is { } id && !kindOf.IsError) agreements.Add((id, kindOf.Value));
        }

        declaration.SetAgreements(agreements, now);

        var controlKeys = outline.ControlsFor(modules).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (answer, i) in (decl.Answers ?? []).Select((a, i) => (a, i)))
        {
            var path = $"$.declaration.answers[{i}]";
            var key = answer.ControlKey.Trim();
            if (!controlKeys.Contains(key))
            {
                Problem($"{path}.controlKey", DeclarationErrors.UnknownControl(key));
                continue;
            }

            if (!answered.Add(key))
            {
                Duplicate($"{path}.controlKey", key);
                continue;
            }

            var docs = new List<Guid>();
            foreach (var (docKey, j) in (answer.Documents ?? []).Select((d, j) => (d, j)))
            {
                if (DocumentRef(docKey, $"{path}.documents[{j}]") is { } id) docs.Add(id);
            }

            var saved = declaration.Answer(key, answer.Statement, answer.Measures, docs, actor, now);
            if (saved.IsError) Problem(path, saved.Error!);
        }

        var standards = (await db.Standards.AsNoTracking().Select(x => x.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var certificateKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (cert, i) in (decl.Certificates ?? []).Select((c, i) => (c, i)))
        {
            var path = $"$.declaration.certificates[{i}]";
            if (!certificateKeys.Add(cert.Key)) Duplicate($"{path}.key", cert.Key);
            var standard = cert.Standard.Trim();
            if (!standards.Contains(standard)) Problem($"{path}.standard", DeclarationErrors.UnknownStandard(standard));

            var covered = new List<Guid>();
            foreach (var (key, j) in (cert.CoveredServices ?? []).Select((k, j) => (k, j)))
            {
                if (!services.TryGetValue(key, out var service))
                {
                    if (!(bundle.Services ?? []).Any(x => x.Key == key)) UnknownKey($"{path}.coveredServices[{j}]", "service", key);
                }
                else if (!inScope.Contains(service)) Problem($"{path}.coveredServices[{j}]", DeclarationErrors.CertificateServiceNotDeclared(key));
                else covered.Add(service.Id.Value);
            }

            if (cert.ClaimedControls is { } claims)
            {
                foreach (var (claim, j) in claims.Select((c, j) => (c, j)))
                {
                    if (!controlKeys.Contains(claim.Trim())) Problem($"{path}.claimedControls[{j}]", DeclarationErrors.UnknownControl(claim.Trim()));
                }
            }

            var issued = Date(cert.IssuedOn, $"{path}.issuedOn", problems);
            var expires = Date(cert.ExpiresOn, $"{path}.expiresOn", problems);
            var report = DocumentRef(cert.AuditReport, $"{path}.auditReport");
            if (issued is null || expires is null) continue;
            var input = new CertificateInput(standard, cert.StandardVersion, cert.Number, cert.CertificationBody, cert.AccreditationBody, cert.ScopeStatement,
                covered, issued, expires, report, cert.ClaimedControls);
            var defaults = CertificateCheck.DefaultClaims(standard, outline.Mappings).Where(controlKeys.Contains).ToList();
            var created = Certificate.Create(declaration.Id, orgId, input, defaults);
            if (created.IsError)
            {
                Problem(FieldPath(path, created.Error!), created.Error!);
                continue;
            }

            declaration.AddCertificate(created.Value, now);
        }

        // Verification history: only a verified declaration has one, and it must.
        var history = decl.VerificationHistory ?? [];
        if (plan.Status == DeclarationStatus.Verified && history.Count == 0)
        {
            problems.Add(new ProblemItem("declaration-bundle.verification-history-required",
                "A verified declaration needs its verification history: at least the Verification-ID, level, approval and expiry of its latest verification.",
                "$.declaration.verificationHistory"));
        }
        else if (plan.Status != DeclarationStatus.Verified && history.Count > 0)
        {
            problems.Add(new ProblemItem("declaration-bundle.verification-history-unexpected",
                $"Only a verified declaration carries a verification history; this one is '{decl.Status}'.", "$.declaration.verificationHistory"));
        }

        var latest = (Record: (VerificationRecord?)null, Number: (VerificationNumber?)null);
        foreach (var (entry, i) in history.Select((v, i) => (v, i)))
        {
            var path = $"$.declaration.verificationHistory[{i}]";
            var number = VerificationNumber.Parse(entry.VerificationId);
            if (number.IsError) Problem($"{path}.verificationId", number.Error!);
            else if ((int)number.Value.Level != entry.Level)
            {
                problems.Add(new ProblemItem("declaration-bundle.level-mismatch",
                    $"The level {entry.Level.ToString(CultureInfo.InvariantCulture)} differs from the level in the Verification-ID '{entry.VerificationId}'.", $"{path}.level"));
            }

            var approved = Date(entry.ApprovedOn, $"{path}.approvedOn", problems);
            var until = Date(entry.ValidUntil, $"{path}.validUntil", problems);
            if (approved is { } a && until is { } u && u < a)
            {
                problems.Add(new ProblemItem("declaration-bundle.validity-before-approval",
                    $"The verification is valid until {DeclarationBundleFormat.Date(u)}, before its approval on {DeclarationBundleFormat.Date(a)}.", $"{path}.validUntil"));
            }

            var report = DocumentRef(entry.Report, $"{path}.report");
            if (number.IsError || approved is null || until is null) continue;
            var record = VerificationRecord.Create(declaration.Id, orgId, number.Value, approved.Value, until.Value, report, VerificationSource.Imported, now);
            plan.Verifications.Add(record);
            if (latest.Record is null || record.ApprovedOn >= latest.Record.ApprovedOn) latest = (record, number.Value);
        }

        if (plan.Status == DeclarationStatus.Verified && latest.Record is { } last)
        {
            declaration.RecordImportedVerification(last.VerificationId, last.Level, last.ApprovedOn, last.ValidUntil, DeclarationStatus.Verified, now);
        }

        return plan;
    }

    private (EvidenceDocument Document, byte[] Bytes)? CheckDocument(BundleDocument doc, string path, OrganisationId organisation, string actor,
        DateTimeOffset now, List<ProblemItem> problems)
    {
        var name = EvidenceDocument.CheckFileName(doc.FileName);
        if (name.IsError)
        {
            problems.Add(new ProblemItem(name.Error!.Code, name.Error.Message, $"{path}.fileName"));
            return null;
        }

        // Base64 grows by a third: anything longer than that cannot decode to an allowed size.
        if (doc.Content.Length / 4L * 3 > settings.MaxUploadBytes + 3)
        {
            var error = DocumentErrors.TooLarge(settings.MaxUploadBytes);
            problems.Add(new ProblemItem(error.Code, error.Message, $"{path}.content"));
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(doc.Content);
        }
        catch (FormatException)
        {
            problems.Add(new ProblemItem("declaration-bundle.content-not-base64", "The content is not valid base64.", $"{path}.content"));
            return null;
        }

        Error? failed = bytes.Length == 0 ? DocumentErrors.Empty()
            : bytes.Length > settings.MaxUploadBytes ? DocumentErrors.TooLarge(settings.MaxUploadBytes)
            : FileSniffer.Check(bytes.AsSpan(0, Math.Min(bytes.Length, FileSniffer.HeadLength)), name.Value).Error;
        if (failed is not null)
        {
            problems.Add(new ProblemItem(failed.Code, failed.Message, $"{path}.content"));
            return null;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha != doc.Sha256)
        {
            problems.Add(new ProblemItem("declaration-bundle.sha256-mismatch",
                $"The content's SHA-256 is {sha}, not the {doc.Sha256} the bundle states: the file was changed or damaged.", $"{path}.sha256"));
            return null;
        }

        var type = FileSniffer.Check(bytes.AsSpan(0, Math.Min(bytes.Length, FileSniffer.HeadLength)), name.Value).Value;
        var created = EvidenceDocument.Create(organisation, name.Value, type.ContentType, bytes.Length, sha, actor, now);
        if (created.IsError)
        {
            problems.Add(new ProblemItem(created.Error!.Code, created.Error.Message, path));
            return null;
        }

        return (created.Value, bytes);
    }

    private static DateOnly? Date(string text, string path, List<ProblemItem> problems)
    {
        var date = DeclarationBundleFormat.ParseDate(text);
        if (date is null) problems.Add(new ProblemItem("declaration-bundle.invalid-date", $"'{text}' is not a date (YYYY-MM-DD).", path));
        return date;
    }

    /// <summary>The path of the field an <see cref="InvalidError"/> names, below <paramref name="path"/>.</summary>
    private static string FieldPath(string path, Error error) => error is InvalidError { Field: { } field } ? $"{path}.{BundleField(field)}" : path;

    // The domain names the contact's fields as the API does; the bundle nests them.
    private static string BundleField(string field) => field switch
    {
        "contactName" => "contact.name",
        "contactEmail" => "contact.email",
        _ => field,
    };

    private static int IndexOf(IReadOnlyList<string> keys, Dictionary<string, CloudService> services, ServiceId service)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (services.TryGetValue(keys[i], out var s) && s.Id == service) return i;
        }

        return 0;
    }

    private sealed class Plan
    {
        public List<ProblemItem> Problems { get; } = [];

        public CatalogueVersion? Catalogue { get; set; }

        public CatalogueOutline? Outline { get; set; }

        public DeclarationStatus Status { get; set; }

        public Organisation? Organisation { get; set; }

        public bool OrganisationCreated { get; set; }

        public List<ServiceCategory> NewCategories { get; } = [];

        public List<CloudService> NewServices { get; } = [];

        public int MatchedServices { get; set; }

        public List<(EvidenceDocument Document, byte[] Bytes)> Documents { get; } = [];

        public Declaration? Declaration { get; set; }

        public List<VerificationRecord> Verifications { get; } = [];

        public BundleImportReport Report(Guid? id, bool dryRun) => new(
            id, dryRun, Organisation?.Name ?? string.Empty, OrganisationCreated,
            Declaration is null ? string.Empty : $"{Declaration.CodeName} {Declaration.CodeVersion}",
            DeclarationBundleFormat.StatusName(Status),
            NewCategories.Count, NewServices.Count, MatchedServices, Documents.Count,
            Declaration?.Answers.Count ?? 0, Declaration?.Certificates.Count ?? 0, Verifications.Count);
    }
}
