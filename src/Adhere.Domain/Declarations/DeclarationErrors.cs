using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations;

/// <summary>Expected failures of declarations, answers and certificates outside the lifecycle (see <c>LifecycleErrors</c>).</summary>
public static class DeclarationErrors
{
    public static NotFoundError NotFound(string id) => new("declaration.not-found", $"No declaration '{id}' was found.");

    public static NotFoundError CertificateNotFound(string id) => new("certificate.not-found", $"No certificate '{id}' was found in this declaration.");

    public static NotFoundError CatalogueNotFound(string code, string? version) =>
        new("declaration.catalogue-not-found", version is null ? $"No Code named '{code}' was found." : $"No version '{version}' of the Code '{code}' was found.");

    public static InvalidError CatalogueRequired() => new("declaration.catalogue-required", "Name the Code and its version the declaration answers.", "code");

    public static InvalidError CatalogueRetired(string code, string version) =>
        new("declaration.catalogue-retired", $"Version {version} of '{code}' is retired; declare against a current version.", "version");

    public static InvalidError UnknownModule(string module) => new("declaration.unknown-module", $"The Code version has no module '{module}'.", "modules");

    public static InvalidError UnknownControl(string key) => new("declaration.unknown-control", $"The Code version has no control '{key}'.", "controlKey");

    public static InvalidError UnknownControls(IReadOnlyCollection<string> keys) =>
        new("declaration.unknown-controls", $"The Code version has no control(s) {string.Join(", ", keys.Select(k => $"'{k}'"))}.", "controls");

    public static InvalidError ServiceNotFound(string id) => new("declaration.service-not-found", $"Your organisation has no service '{id}'.", "services");

    public static InvalidError ServiceRetired(string name) =>
        new("declaration.service-retired", $"The service '{name}' is retired and cannot be declared; reactivate it first.", "services");

    public static InvalidError DuplicateService(string name) => new("declaration.duplicate-service", $"The service '{name}' is listed twice.", "services");

    public static InvalidError DocumentNotFound(string id) => new("declaration.document-not-found", $"Your organisation has no document '{id}'.", "documents");

    public static InvalidError StatementTooLong(int max) =>
        new("declaration.statement-too-long", $"The implementation statement is longer than {max} characters.", "statement");

    public static InvalidError MeasuresTooLong(int max) => new("declaration.measures-too-long", $"The measures are longer than {max} characters.", "measures");

    public static InvalidError TextTooLong(string field, int max) => new("declaration.text-too-long", $"'{field}' is longer than {max} characters.", field);

    public static InvalidError LevelInvalid() => new("declaration.level-invalid", "The requested level must be 1, 2 or 3.", "requestedLevel");

    public static InvalidError ContactEmailInvalid() => new("declaration.contact-email-invalid", "The contact e-mail address is not valid.", "contactEmail");

    public static InvalidError CertificateFieldRequired(string field) =>
        new("certificate.field-required", $"The certificate needs '{field}'.", field);

    public static InvalidError CertificateDatesInvalid(DateOnly issuedOn, DateOnly expiresOn) =>
        new("certificate.expiry-before-issue",
            $"The expiry date {Iso(expiresOn)} lies before the issue date {Iso(issuedOn)}; a certificate cannot expire before it is issued.", "expiresOn");

    public static InvalidError CertificateServiceNotDeclared(string id) =>
        new("certificate.service-not-declared", $"Service '{id}' is not in this declaration, so a certificate cannot cover it here.", "coveredServices");

    public static InvalidError UnknownStandard(string key) =>
        new("certificate.unknown-standard", $"No standard '{key}' is known; use a key the catalogue maps to, such as ISO/IEC 27001:2022.", "standard");

    public static ConflictError NotRenewable(string status) =>
        new("declaration.not-renewable", $"Only a verified declaration (verified or renewal due) can be renewed; this one is '{status}'.");

    public static ConflictError RenewalExists(string id) =>
        new("declaration.renewal-exists", $"This declaration already has an open renewal ({id}).");

    public static ConflictError NotRenewal() =>
        new("declaration.not-renewal", "Only a renewal has a renewal statement; this is an initial declaration.");

    public static InvalidError RemovalReasonForKeptService(string id) =>
        new("declaration.removal-reason-for-kept-service", $"Service '{id}' is still declared, so it needs no removal reason.", "removalReasons");

    public static InvalidError FamilyConfirmationForOldService(string id) =>
        new("declaration.family-confirmation-not-added", $"Service '{id}' is not new in this renewal, so it needs no family confirmation.", "sameFamilyConfirmed");

    public static ConflictError NotVerified(string status) =>
        new("certificate.notice-not-verified", $"Changes to certificates are reported for verified declarations; this one is '{status}'. Edit the draft instead.");

    public static InvalidError NoticeKindInvalid() =>
        new("certificate.notice-kind-invalid", "Say what changed: renewed, scope-changed or withdrawn.", "kind");

    public static InvalidError NoticeDescriptionRequired() =>
        new("certificate.notice-description-required", "Describe the change in a sentence or two.", "description");

    public static ConflictError NoticeAlreadyReviewed() => new("certificate.notice-reviewed", "This notice has already been reviewed.");

    public static NotFoundError NoticeNotFound(string id) => new("certificate.notice-not-found", $"No certificate change notice '{id}' was found.");

    public static ProblemListError Incomplete(IReadOnlyList<ProblemItem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new("declaration.incomplete", $"The declaration cannot be submitted yet: {problems.Count} thing(s) are missing. Each is listed under 'problems'.", problems);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
