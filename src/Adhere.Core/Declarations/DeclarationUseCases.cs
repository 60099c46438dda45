using Adhere.Core.Catalogue;
using Adhere.Core.Persistence;
using Adhere.Domain.Accounts;
using Adhere.Domain.Audit;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>
/// Starts a draft declaration against a Code version. The version is frozen from then on (a declaration refers to it).
/// A CSP editor declares for its own organisation; MB administrators and the system name the provider.
/// </summary>
public sealed class StartDeclaration(AdhereDb db, DeclarationAccess access, DeclarationQueries queries, TimeProvider time)
{
    /// <param name="Version">The Code version; without it, the newest active version of the Code.</param>
    public sealed record Command(Guid? OrganisationId, string? Code, string? Version, IReadOnlyList<string>? Modules, IReadOnlyList<Guid>? Services,
        string? Title, int? RequestedLevel, string? ContactName, string? ContactEmail);

    public async Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var owner = await access.OwnerAsync(command.OrganisationId, ct);
        if (owner.IsError) return owner.Error!;
        var catalogue = await FindCatalogueAsync(db, command.Code, command.Version, ct);
        if (catalogue.IsError) return catalogue.Error!;
        var header = catalogue.Value;

        var modules = (command.Modules ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.CatalogueModules.AsNoTracking().Where(m => m.CatalogueId == header.Id).Select(m => m.Key).ToListAsync(ct);
        var unknown = modules.FirstOrDefault(m => !known.Contains(m));
        if (unknown is not null) return DeclarationErrors.UnknownModule(unknown);

        var services = await access.ServicesAsync(owner.Value, command.Services ?? [], ct);
        if (services.IsError) return services.Error!;

        var now = time.GetUtcNow();
        var declaration = Declaration.Start(owner.Value, header.Id, header.Name, header.Version, modules, now);
        var level = LevelOf(command.RequestedLevel);
        if (level.IsError) return level.Error!;
        var described = declaration.Describe(command.Title, level.Value, command.ContactName, command.ContactEmail, now);
        if (described.IsError) return described.Error!;
        declaration.SetServices([.. services.Value.Select(s => s.Id)], now);

        var conflicts = await queries.ConflictsAsync(declaration, [.. services.Value.Select(s => new DeclaredService(s.Id, s.Name, s.Category, s.Family))], ct);
        if (conflicts.Count > 0) return LifecycleErrors.ServiceAlreadyDeclared(conflicts[0]);

        header.FrozenAt ??= now;
        db.Declarations.Add(declaration);
        db.Record("declaration.started", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Added("code", $"{header.Name} {header.Version}")
            .Added("modules", string.Join(", ", modules))
            .Added("services", string.Join(", ", services.Value.Select(s => s.Name))));
        await db.SaveChangesAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }

    /// <summary>The named Code version, or the newest active one when no version is given.</summary>
    internal static async Task<Result<CatalogueVersion>> FindCatalogueAsync(AdhereDb db, string? code, string? version, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return DeclarationErrors.CatalogueRequired();
        var normalized = CatalogueStore.Normalize(code);
        var versions = await db.Catalogues.Where(c => c.NormalizedName == normalized).ToListAsync(ct);
        if (string.IsNullOrWhiteSpace(version))
        {
            var newest = versions.Where(v => v.Status == CatalogueStatus.Active).OrderByDescending(v => v.ImportedAt).FirstOrDefault()
                ?? versions.OrderByDescending(v => v.ImportedAt).FirstOrDefault();
            return newest is null ? DeclarationErrors.CatalogueNotFound(code.Trim(), null) : newest;
        }

        var found = versions.FirstOrDefault(v => v.Version == version.Trim());
        if (found is null) return DeclarationErrors.CatalogueNotFound(code.Trim(), version.Trim());
        return found.Status == CatalogueStatus.Retired ? DeclarationErrors.CatalogueRetired(found.Name, found.Version) : found;
    }

    internal static Result<ComplianceLevel?> LevelOf(int? level) => level switch
    {
        null => (ComplianceLevel?)null,
        >= 1 and <= 3 => (ComplianceLevel?)(ComplianceLevel)level.Value,
        _ => DeclarationErrors.LevelInvalid(),
    };
}

/// <summary>Changes a draft's description, services and agreement documents; whatever is left out (null) stays as it is.</summary>
public sealed class UpdateDeclaration(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, DeclarationQueries queries, TimeProvider time)
{
    public sealed record Agreement(Guid DocumentId, string? Kind);

    public sealed record Command(Guid Id, string? Title, int? RequestedLevel, string? ContactName, string? ContactEmail,
        IReadOnlyList<Guid>? Services, IReadOnlyList<Agreement>? Agreements);

    public async Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var declaration = await access.LoadAsync(command.Id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.Id.ToString());
        var editable = declaration.EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var now = time.GetUtcNow();
        var changes = new AuditChanges();

        var before = (declaration.Title, declaration.RequestedLevel, declaration.ContactName, declaration.ContactEmail);
        // A field left out (null) keeps its value; an empty text (a level of 0) clears it. So a client can change one part alone.
        var level = StartDeclaration.LevelOf(command.RequestedLevel is 0 ? null : command.RequestedLevel ?? (int?)before.RequestedLevel);
        if (level.IsError) return level.Error!;
        var described = declaration.Describe(command.Title ?? before.Title, level.Value,
            command.ContactName ?? before.ContactName, command.ContactEmail ?? before.ContactEmail, now);
        if (described.IsError) return described.Error!;
        changes.Set("title", before.Title, declaration.Title)
            .Set("requestedLevel", before.RequestedLevel?.ToString(), declaration.RequestedLevel?.ToString())
            .Set("contactName", before.ContactName, declaration.ContactName)
            .Set("contactEmail", before.ContactEmail, declaration.ContactEmail);

        if (command.Services is { } serviceIds)
        {
            var services = await access.ServicesAsync(declaration.OrganisationId, serviceIds, ct);
            if (services.IsError) return services.Error!;
            var previous = string.Join(", ", declaration.Services.Select(s => s.ServiceId));
            declaration.SetServices([.. services.Value.Select(s => s.Id)], now);
            var conflicts = await queries.ConflictsAsync(declaration, [.. services.Value.Select(s => new DeclaredService(s.Id, s.Name, s.Category, s.Family))], ct);
            if (conflicts.Count > 0) return LifecycleErrors.ServiceAlreadyDeclared(conflicts[0]);
            changes.Set("services", previous, string.Join(", ", declaration.Services.Select(s => s.ServiceId)));
        }

        if (command.Agreements is { } agreements)
        {
            var kinds = new List<(Guid, AgreementKind)>();
            foreach (var a in agreements)
            {
                var kind = ParseAgreementKind(a.Kind);
                if (kind.IsError) return kind.Error!;
                kinds.Add((a.DocumentId, kind.Value));
            }

            var exist = await access.DocumentsExistAsync(declaration.OrganisationId, kinds.Select(k => k.Item1), ct);
            if (exist.IsError) return exist.Error!;
            var previous = string.Join(", ", declaration.Agreements.Select(a => a.DocumentId));
            declaration.SetAgreements(kinds, now);
            changes.Set("agreements", previous, string.Join(", ", declaration.Agreements.Select(a => a.DocumentId)));
        }

        await evidence.RefreshChecksAsync(declaration, ct);
        db.Record("declaration.updated", "declaration", declaration.Id.ToString(), declaration.OrganisationId, changes);
        await db.SaveChangesAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }

    internal static Result<AgreementKind> ParseAgreementKind(string? kind) => (kind ?? "service-agreement").Trim().ToUpperInvariant() switch
    {
        "SERVICE-AGREEMENT" or "CSA" => AgreementKind.ServiceAgreement,
        "DATA-PROCESSING-AGREEMENT" or "DPA" => AgreementKind.DataProcessingAgreement,
        "OTHER" => AgreementKind.Other,
        _ => new InvalidError("declaration.agreement-kind-invalid", $"'{kind}' is not a kind of agreement document: use service-agreement, data-processing-agreement or other.", "agreements"),
    };
}

/// <summary>
/// Saves the answer to one control as the provider types it (save as you go): statement, measures, evidence documents
/// and, optionally, which of the declaration's certificates it cites for this control.
/// </summary>
public sealed class SaveAnswer(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, CatalogueOutlines outlines, DeclarationQueries queries, TimeProvider time)
{
    /// <param name="Certificates">The certificates cited for this control; null leaves the certificates' claims as they are.</param>
    public sealed record Command(Guid Id, string ControlKey, string? Statement, string? Measures, IReadOnlyList<Guid>? Documents, IReadOnlyList<Guid>? Certificates);

    public async Task<Result<AnswerView>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var declaration = await access.LoadAsync(command.Id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.Id.ToString());
        var editable = declaration.EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException("The declaration's catalogue is missing.");
        var key = (command.ControlKey ?? string.Empty).Trim();
        if (!outline.ControlsFor(declaration.Modules).Any(c => c.Key == key)) return DeclarationErrors.UnknownControl(key);

        var documents = command.Documents ?? [];
        var exist = await access.DocumentsExistAsync(declaration.OrganisationId, documents, ct);
        if (exist.IsError) return exist.Error!;
        if (command.Certificates is { } cited)
        {
            var unknown = cited.FirstOrDefault(c => !declaration.Certificates.Any(x => x.Id.Value == c));
            if (unknown != Guid.Empty || cited.Any(c => c == Guid.Empty)) return DeclarationErrors.CertificateNotFound(unknown.ToString());
        }

        var previous = declaration.Answers.FirstOrDefault(a => a.ControlKey == key);
        var before = (previous?.Statement, previous?.Measures, Documents: previous is null ? null : string.Join(", ", previous.DocumentIds));
        var saved = declaration.Answer(key, command.Statement, command.Measures, documents, db.Caller.ActorName, time.GetUtcNow());
        if (saved.IsError) return saved.Error!;

        var claims = new AuditChanges();
        if (command.Certificates is { } citedIds)
        {
            foreach (var certificate in declaration.Certificates)
            {
                var was = certificate.ClaimedControls.Contains(key, StringComparer.Ordinal);
                var now = citedIds.Contains(certificate.Id.Value);
                if (was == now) continue;
                certificate.SetClaim(key, now);
                claims.Set($"certificate {certificate.Number}", was ? "claimed" : null, now ? "claimed" : null);
            }

            await evidence.RefreshChecksAsync(declaration, ct);
        }

        var answer = saved.Value;
        var changes = new AuditChanges()
            .Set("statement", before.Statement, answer.Statement)
            .Set("measures", before.Measures, answer.Measures)
            .Set("documents", before.Documents, string.Join(", ", answer.DocumentIds));
        foreach (var (field, (from, to)) in claims.Fields) changes.Set(field, from, to);
        if (changes.Fields.Count > 0)
        {
            db.Record("declaration.answer-saved", "declaration", declaration.Id.ToString(), declaration.OrganisationId, changes.Set("control", null, key));
            await db.SaveChangesAsync(ct);
        }

        return await queries.AnswerAsync(declaration.Id.Value, key, ct);
    }
}

/// <summary>
/// Hands a draft to the Monitoring Body. Everything missing is reported at once (<c>declaration.incomplete</c> with
/// the list); after submission the provider can no longer edit.
/// </summary>
public sealed class SubmitDeclaration(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, CatalogueOutlines outlines, DeclarationQueries queries, TimeProvider time)
{
    public async Task<Result<DeclarationDetails>> HandleAsync(Guid id, CancellationToken ct)
    {
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        var editable = declaration.EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var outline = await outlines.GetAsync(declaration.CatalogueId, ct) ?? throw new InvalidOperationException("The declaration's catalogue is missing.");
        var problems = await queries.ProblemsAsync(declaration, outline.ControlsFor(declaration.Modules), ct);
        if (problems.Count > 0) return DeclarationErrors.Incomplete(problems);

        var fired = declaration.Fire(DeclarationTrigger.Submit, access.RoleOfCaller(Role.CspEditor), time.GetUtcNow());
        if (fired.IsError) return fired.Error!;
        await evidence.RefreshChecksAsync(declaration, ct);
        db.Record("declaration.submitted", "declaration", declaration.Id.ToString(), declaration.OrganisationId,
            new AuditChanges().Set("status", nameof(DeclarationStatus.Draft), declaration.Status.ToString()));
        await db.SaveChangesAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }
}

/// <summary>The provider withdraws a declaration (a stale draft, or one it no longer wants verified); its services are released.</summary>
public sealed class WithdrawDeclaration(AdhereDb db, DeclarationAccess access, DeclarationQueries queries, Register.TransparencyLog register, TimeProvider time)
{
    public async Task<Result<DeclarationDetails>> HandleAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await db.BeginUnitAsync(ct);
        var declaration = await access.LoadAsync(id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(id.ToString());
        var from = declaration.Status;
        var fired = declaration.Fire(DeclarationTrigger.Withdraw, access.RoleOfCaller(Role.CspEditor), time.GetUtcNow());
        if (fired.IsError) return fired.Error!;
        db.Record("declaration.withdrawn", "declaration", declaration.Id.ToString(), declaration.OrganisationId,
            new AuditChanges().Set("status", from.ToString(), declaration.Status.ToString()));
        // Only a listed declaration leaves the register; a draft or one still under assessment was never in it.
        if (from is DeclarationStatus.Verified or DeclarationStatus.RenewalDue && declaration.VerificationId is { } verificationId && declaration.GrantedLevel is { } level)
        {
            var company = await db.Organisations.AsNoTracking().Where(o => o.Id == declaration.OrganisationId).Select(o => o.Name).FirstAsync(ct);
            await register.AppendAsync(new Register.TransparencyLogChange(Register.TransparencyLogEvents.Withdrawn, verificationId, null, company, (int)level,
                declaration.ValidUntil), ct);
        }

        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }
}
