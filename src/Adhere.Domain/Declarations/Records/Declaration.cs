using Adhere.Domain.Accounts;
using Adhere.Domain.Catalogue;
using Adhere.Domain.Common;
using Adhere.Domain.Declarations.Lifecycle;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Declarations.Records;

/// <summary>
/// A Declaration of Adherence as stored: the Code version it answers, the services in scope, one answer per control,
/// the certificates cited and the service agreement documents. Only a <see cref="DeclarationStatus.Draft"/> may be
/// changed by its provider (<see cref="EnsureEditable"/>); status changes go through <see cref="Fire"/>, which applies
/// <see cref="DeclarationLifecycle"/>. Completeness is checked at submission, not on every save, so that a provider
/// can save as it goes.
/// </summary>
public sealed class Declaration : IOrganisationOwned
{
    public const int MaxTitleLength = 200;

    public const int MaxContactLength = 200;

    public const int MaxChangeDescriptionLength = 4000;

    private readonly List<DeclarationServiceEntry> services = [];
    private readonly List<ControlAnswer> answers = [];
    private readonly List<Certificate> certificates = [];
    private readonly List<DeclarationAgreement> agreements = [];
    private readonly List<RemovedService> removedServices = [];

    private Declaration()
    {
        CodeName = CodeVersion = string.Empty;
        Modules = [];
    }

    public DeclarationId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>The catalogue version answered; frozen once a declaration refers to it.</summary>
    public CatalogueId CatalogueId { get; private set; }

    /// <summary>The Code's name as the catalogue gives it, kept for display and for the one-open-declaration-per-Code rule.</summary>
    public string CodeName { get; private set; }

    public string CodeVersion { get; private set; }

    /// <summary>The keys of the catalogue modules declared on top of the core Code.</summary>
    public List<string> Modules { get; private set; }

    public DeclarationKind Kind { get; private set; }

    public DeclarationStatus Status { get; private set; }

    /// <summary>A name the provider gives the declaration (such as "Platform services 2026"); optional.</summary>
    public string? Title { get; private set; }

    public ComplianceLevel? RequestedLevel { get; private set; }

    /// <summary>The person the Monitoring Body contacts about this declaration.</summary>
    public string? ContactName { get; private set; }

    public string? ContactEmail { get; private set; }

    /// <summary>For a renewal: the verified declaration it renews.</summary>
    public DeclarationId? RenewsId { get; private set; }

    /// <summary>For a renewal: the provider confirms there was no material change (null: not yet stated).</summary>
    public bool? NoMaterialChange { get; private set; }

    /// <summary>For a renewal: what changed, when there was a material change.</summary>
    public string? ChangeDescription { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>Set when the provider reports a change to a certificate this declaration relies on; cleared by the MB's review.</summary>
    public DateTimeOffset? ReviewFlaggedAt { get; private set; }

    /// <summary>The Verification-ID under which the declaration is (or was) listed; null until verified.</summary>
    public string? VerificationId { get; private set; }

    public ComplianceLevel? GrantedLevel { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    /// <summary>The last day of the verification's validity.</summary>
    public DateOnly? ValidUntil { get; private set; }

    public IReadOnlyList<DeclarationServiceEntry> Services => services;

    public IReadOnlyList<ControlAnswer> Answers => answers;

    public IReadOnlyList<Certificate> Certificates => certificates;

    public IReadOnlyList<DeclarationAgreement> Agreements => agreements;

    /// <summary>For a renewal: the services of the renewed declaration that left the scope, with the provider's reason.</summary>
    public IReadOnlyList<RemovedService> RemovedServices => removedServices;

    /// <summary>Starts a draft. The caller has checked the catalogue, the modules and the services.</summary>
    /// <param name="kind">
    /// Null: a renewal exactly when <paramref name="renews"/> is given. An imported renewal names
    /// <see cref="DeclarationKind.Renewal"/> without <paramref name="renews"/>: the declaration it renews lives elsewhere.
    /// </param>
    public static Declaration Start(OrganisationId organisation, CatalogueId catalogue, string codeName, string codeVersion,
        IEnumerable<string> modules, DateTimeOffset now, DeclarationId? renews = null, DeclarationKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(codeName);
        ArgumentNullException.ThrowIfNull(codeVersion);
        ArgumentNullException.ThrowIfNull(modules);
        return new Declaration
        {
            Id = DeclarationId.New(),
            OrganisationId = organisation,
            CatalogueId = catalogue,
            CodeName = codeName,
            CodeVersion = codeVersion,
            Modules = [.. modules],
            Kind = renews is not null ? DeclarationKind.Renewal : kind ?? DeclarationKind.Initial,
            RenewsId = renews,
            Status = DeclarationStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            StatusChangedAt = now,
        };
    }

    /// <summary>Success while the provider may edit (a draft), otherwise <c>declaration.not-editable</c>.</summary>
    public Result<Done> EnsureEditable() => DeclarationLifecycle.EnsureEditableByProvider(Status);

    /// <summary>Sets the descriptive fields; blank text clears a field. Nothing changes on an error.</summary>
    public Result<Done> Describe(string? title, ComplianceLevel? requestedLevel, string? contactName, string? contactEmail, DateTimeOffset now)
    {
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        title = Blank(title);
        if (title is { Length: > MaxTitleLength }) return DeclarationErrors.TextTooLong("title", MaxTitleLength);
        if (requestedLevel is { } level && !Enum.IsDefined(level)) return DeclarationErrors.LevelInvalid();
        contactName = Blank(contactName);
        if (contactName is { Length: > MaxContactLength }) return DeclarationErrors.TextTooLong("contactName", MaxContactLength);
        contactEmail = Blank(contactEmail);
        if (contactEmail is not null && !EmailAddress.IsPlausible(contactEmail)) return DeclarationErrors.ContactEmailInvalid();

        Title = title;
        RequestedLevel = requestedLevel;
        ContactName = contactName;
        ContactEmail = contactEmail;
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>
    /// Replaces the services in scope, in the given order. Family confirmations of services that stay are kept.
    /// Certificates lose covered services that left the scope. The caller checked ownership and exclusivity.
    /// </summary>
    public Result<Done> SetServices(IReadOnlyList<ServiceId> serviceIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var confirmed = services.Where(s => s.SameFamilyConfirmed).Select(s => s.ServiceId).ToHashSet();
        services.Clear();
        var position = 0;
        foreach (var id in serviceIds)
        {
            services.Add(new DeclarationServiceEntry(Id, OrganisationId, id, position++, confirmed.Contains(id)));
        }

        var kept = serviceIds.Select(s => s.Value).ToHashSet();
        foreach (var certificate in certificates) certificate.KeepCoveredServices(kept);
        removedServices.RemoveAll(r => kept.Contains(r.ServiceId.Value));
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>Saves the answer to one control (the caller checked the key against the catalogue and the documents against the organisation).</summary>
    public Result<ControlAnswer> Answer(string controlKey, string? statement, string? measures, IReadOnlyList<Guid> documentIds, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(controlKey);
        ArgumentNullException.ThrowIfNull(documentIds);
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        var answer = answers.Find(a => a.ControlKey == controlKey);
        if (answer is null)
        {
            answer = new ControlAnswer(Id, OrganisationId, controlKey);
            var changed = answer.Change(statement, measures, documentIds, actor, now);
            if (changed.IsError) return changed.Error!;
            answers.Add(answer);
        }
        else
        {
            var changed = answer.Change(statement, measures, documentIds, actor, now);
            if (changed.IsError) return changed.Error!;
        }

        UpdatedAt = now;
        return answer;
    }

    /// <summary>Adds a certificate to the draft.</summary>
    public Result<Done> AddCertificate(Certificate certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        if (certificate.DeclarationId != Id) throw new ArgumentException("The certificate belongs to another declaration.", nameof(certificate));
        certificates.Add(certificate);
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>Removes a certificate from the draft.</summary>
    public Result<Done> RemoveCertificate(CertificateId id, DateTimeOffset now)
    {
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        if (certificates.RemoveAll(c => c.Id == id) == 0) return DeclarationErrors.CertificateNotFound(id.ToString());
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>Replaces the service agreement documents (CSA, DPA and others).</summary>
    public Result<Done> SetAgreements(IReadOnlyList<(Guid DocumentId, AgreementKind Kind)> documents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        agreements.Clear();
        agreements.AddRange(documents.DistinctBy(d => d.DocumentId).Select(d => new DeclarationAgreement(Id, OrganisationId, d.DocumentId, d.Kind)));
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>
    /// Sets the renewal statement: exactly one of "no material change" or a description is needed at submission, not here.
    /// <paramref name="removalReasons"/> are by service ID (services of the renewed declaration no longer in scope);
    /// <paramref name="sameFamilyConfirmed"/> the added services the provider confirms belong to the same family.
    /// </summary>
    public Result<Done> StateRenewal(bool? noMaterialChange, string? changeDescription, IReadOnlyDictionary<ServiceId, string> removalReasons,
        IReadOnlySet<ServiceId> sameFamilyConfirmed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(removalReasons);
        ArgumentNullException.ThrowIfNull(sameFamilyConfirmed);
        var editable = EnsureEditable();
        if (editable.IsError) return editable.Error!;
        if (Kind != DeclarationKind.Renewal) return DeclarationErrors.NotRenewal();
        changeDescription = Blank(changeDescription);
        if (changeDescription is { Length: > MaxChangeDescriptionLength }) return DeclarationErrors.TextTooLong("changeDescription", MaxChangeDescriptionLength);
        var inScope = services.Select(s => s.ServiceId).ToHashSet();
        if (removalReasons.Keys.FirstOrDefault(inScope.Contains) is var kept && inScope.Contains(kept))
        {
            return DeclarationErrors.RemovalReasonForKeptService(kept.ToString());
        }

        var reasons = removalReasons.Where(r => !string.IsNullOrWhiteSpace(r.Value)).ToList();
        if (reasons.Exists(r => r.Value.Trim().Length > RemovedService.MaxReasonLength))
        {
            return DeclarationErrors.TextTooLong("removalReasons", RemovedService.MaxReasonLength);
        }

        NoMaterialChange = noMaterialChange;
        ChangeDescription = changeDescription;
        removedServices.Clear();
        removedServices.AddRange(reasons.Select(r => new RemovedService(Id, OrganisationId, r.Key, r.Value.Trim())));
        foreach (var entry in services) entry.ConfirmSameFamily(sameFamilyConfirmed.Contains(entry.ServiceId));
        UpdatedAt = now;
        return Done.Value;
    }

    /// <summary>Fires a lifecycle trigger as a holder of <paramref name="actor"/>; see <see cref="DeclarationLifecycle.Fire"/>.</summary>
    public Result<DeclarationStatus> Fire(DeclarationTrigger trigger, Role actor, DateTimeOffset now)
    {
        var next = DeclarationLifecycle.Fire(Status, trigger, actor);
        if (next.IsError) return next;
        Status = next.Value;
        StatusChangedAt = now;
        UpdatedAt = now;
        if (trigger == DeclarationTrigger.Submit) SubmittedAt = now;
        return next;
    }

    /// <summary>
    /// Records a verification made elsewhere (a migrated declaration): the status becomes <paramref name="status"/>
    /// directly, without the workflow. Only for imports of verification history.
    /// </summary>
    public void RecordImportedVerification(string verificationId, ComplianceLevel level, DateOnly approvedOn, DateOnly validUntil,
        DeclarationStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verificationId);
        VerificationId = verificationId;
        GrantedLevel = level;
        ApprovedOn = approvedOn;
        ValidUntil = validUntil;
        Status = status;
        SubmittedAt ??= now;
        StatusChangedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// Records the verification just decided: the Verification-ID (new, or kept from the renewed declaration with the
    /// level part changed when the level changed), the granted level and the validity. Only right after
    /// <see cref="DeclarationTrigger.Verify"/> moved the declaration to <see cref="DeclarationStatus.Verified"/>; any other
    /// status is a programmer error.
    /// </summary>
    /// <exception cref="InvalidOperationException">The declaration is not verified, or the validity ends before approval.</exception>
    public void RecordVerification(VerificationNumber id, DateOnly approvedOn, DateOnly validUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Status != DeclarationStatus.Verified) throw new InvalidOperationException($"Only a verified declaration records a verification; this one is {Status}.");
        if (validUntil < approvedOn) throw new InvalidOperationException("The validity cannot end before the approval.");
        VerificationId = id.ToString();
        GrantedLevel = id.Level;
        ApprovedOn = approvedOn;
        ValidUntil = validUntil;
        UpdatedAt = now;
    }

    /// <summary>
    /// Records a level change decided by an ad-hoc assessment of a listed declaration: the ID's level part and the
    /// granted level change; approval date and validity stay, since an ad-hoc assessment does not renew.
    /// </summary>
    /// <exception cref="InvalidOperationException">The declaration has no verification to change.</exception>
    public void ChangeLevel(VerificationNumber id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (VerificationId is null || !DeclarationLifecycle.IsListed(Status)) throw new InvalidOperationException("Only a listed declaration can change its level.");
        VerificationId = id.ToString();
        GrantedLevel = id.Level;
        UpdatedAt = now;
    }

    /// <summary>Flags the declaration for the Monitoring Body's review (a certificate change was reported).</summary>
    public void FlagForReview(DateTimeOffset now) => ReviewFlaggedAt ??= now;

    /// <summary>Clears the review flag once no notice is left open.</summary>
    public void ClearReviewFlag() => ReviewFlaggedAt = null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What kind of service agreement document a declaration attaches.</summary>
public enum AgreementKind
{
    /// <summary>The cloud service agreement (terms of service, master agreement).</summary>
    ServiceAgreement = 1,

    /// <summary>The data processing agreement under GDPR Art. 28.</summary>
    DataProcessingAgreement = 2,

    /// <summary>Another part of the agreement (annexes, policies it incorporates).</summary>
    Other = 3,
}
