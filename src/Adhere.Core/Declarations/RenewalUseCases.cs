using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Declarations.Records;
using Adhere.Domain.Declarations.Services;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Declarations;

/// <summary>
/// Starts the yearly renewal of a verified declaration: a new draft with the services (those still offered), answers,
/// certificates (same lineage, checks rerun) and agreement documents carried over. Against a newer Code version, only
/// answers to control IDs that still exist are carried over.
/// </summary>
public sealed class StartRenewal(AdhereDb db, DeclarationAccess access, DeclarationEvidence evidence, DeclarationQueries queries, TimeProvider time)
{
    /// <param name="Version">A newer version of the same Code to renew against; null keeps the version.</param>
    public sealed record Command(Guid Id, string? Version);

    public async Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var previous = await access.LoadAsync(command.Id, ct);
        if (previous is null) return DeclarationErrors.NotFound(command.Id.ToString());
        if (previous.Status is not (DeclarationStatus.Verified or DeclarationStatus.RenewalDue)) return DeclarationErrors.NotRenewable(previous.Status.ToString());
        var open = await db.Declarations.AsNoTracking().Where(d => d.RenewsId == previous.Id).Select(d => new { d.Id, d.Status }).ToListAsync(ct);
        var existing = open.FirstOrDefault(d => DeclarationLifecycle.IsOpen(d.Status));
        if (existing is not null) return DeclarationErrors.RenewalExists(existing.Id.ToString());

        var catalogue = command.Version is null
            ? await db.Catalogues.FirstAsync(c => c.Id == previous.CatalogueId, ct)
            : (await StartDeclaration.FindCatalogueAsync(db, previous.CodeName, command.Version, ct)) is { IsError: false } found ? found.Value : null;
        if (catalogue is null) return DeclarationErrors.CatalogueNotFound(previous.CodeName, command.Version);
        var keys = await db.CatalogueControls.AsNoTracking().Where(c => c.CatalogueId == catalogue.Id).Select(c => c.Key).ToListAsync(ct);
        var modules = await db.CatalogueModules.AsNoTracking().Where(m => m.CatalogueId == catalogue.Id).Select(m => m.Key).ToListAsync(ct);

        var now = time.GetUtcNow();
        var renewal = Declaration.Start(previous.OrganisationId, catalogue.Id, catalogue.Name, catalogue.Version,
            previous.Modules.Where(modules.Contains), now, previous.Id);
        renewal.Describe(previous.Title, previous.GrantedLevel ?? previous.RequestedLevel, previous.ContactName, previous.ContactEmail, now);

        var serviceIds = previous.Services.OrderBy(s => s.Position).Select(s => s.ServiceId).ToList();
        var active = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id) && s.Status == ServiceStatus.Active).Select(s => s.Id).ToListAsync(ct);
        renewal.SetServices([.. serviceIds.Where(active.Contains)], now);
        foreach (var answer in previous.Answers.Where(a => keys.Contains(a.ControlKey)))
        {
            renewal.Answer(answer.ControlKey, answer.Statement, answer.Measures, answer.DocumentIds, answer.UpdatedBy, answer.UpdatedAt);
        }

        foreach (var certificate in previous.Certificates) renewal.AddCertificate(certificate.CopyTo(renewal.Id), now);
        renewal.SetAgreements([.. previous.Agreements.Select(a => (a.DocumentId, a.Kind))], now);
        catalogue.FrozenAt ??= now;

        db.Declarations.Add(renewal);
        await evidence.RefreshChecksAsync(renewal, ct);
        db.Record("declaration.renewal-started", "declaration", renewal.Id.ToString(), renewal.OrganisationId, new AuditChanges()
            .Added("renews", previous.Id.ToString())
            .Added("code", $"{catalogue.Name} {catalogue.Version}"));
        await db.SaveChangesAsync(ct);
        return await queries.DetailsAsync(renewal, ct);
    }
}

/// <summary>
/// Records the renewal statement: "no material change" or a description of the change, a reason per removed service
/// and the confirmation that each added service belongs to the same service family.
/// </summary>
public sealed class StateRenewal(AdhereDb db, DeclarationAccess access, DeclarationQueries queries, TimeProvider time)
{
    public sealed record Command(Guid Id, bool? NoMaterialChange, string? ChangeDescription, IReadOnlyDictionary<Guid, string>? RemovalReasons,
        IReadOnlyList<Guid>? SameFamilyConfirmed);

    public async Task<Result<DeclarationDetails>> HandleAsync(Command command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var declaration = await access.LoadAsync(command.Id, ct);
        if (declaration is null) return DeclarationErrors.NotFound(command.Id.ToString());
        var renewsId = declaration.RenewsId;
        var previous = renewsId is null ? [] : await db.DeclarationServices.AsNoTracking().Where(s => s.DeclarationId == renewsId).Select(s => s.ServiceId).ToListAsync(ct);

        var reasons = (command.RemovalReasons ?? new Dictionary<Guid, string>()).ToDictionary(r => new ServiceId(r.Key), r => r.Value);
        var stray = reasons.Keys.Where(k => !previous.Contains(k)).ToList();
        if (stray.Count > 0) return DeclarationErrors.ServiceNotFound(stray[0].ToString());

        var confirmed = (command.SameFamilyConfirmed ?? []).Select(s => new ServiceId(s)).ToHashSet();
        var notAdded = confirmed.Where(c => previous.Contains(c) || !declaration.Services.Any(s => s.ServiceId == c)).ToList();
        if (notAdded.Count > 0) return DeclarationErrors.FamilyConfirmationForOldService(notAdded[0].ToString());

        var stated = declaration.StateRenewal(command.NoMaterialChange, command.ChangeDescription, reasons, confirmed, time.GetUtcNow());
        if (stated.IsError) return stated.Error!;
        db.Record("declaration.renewal-stated", "declaration", declaration.Id.ToString(), declaration.OrganisationId, new AuditChanges()
            .Set("noMaterialChange", null, declaration.NoMaterialChange?.ToString())
            .Set("changeDescription", null, declaration.ChangeDescription)
            .Set("removedServices", null, string.Join(", ", declaration.RemovedServices.Select(r => r.ServiceId)))
            .Set("sameFamilyConfirmed", null, string.Join(", ", confirmed)));
        await db.SaveChangesAsync(ct);
        return await queries.DetailsAsync(declaration, ct);
    }
}
