using Adhere.Domain.Common;

namespace Adhere.Domain.Organisations;

public static class OrganisationErrors
{
    public static NotFoundError NotFound(string id) => new("organisation.not-found", $"No organisation '{id}' was found.");

    public static InvalidError NameRequired() => new("organisation.name-required", "The organisation needs a name.", "name");

    public static InvalidError NameTooLong() => new("organisation.name-too-long", $"The name is longer than {Organisation.MaxNameLength} characters.", "name");

    public static ConflictError DuplicateName(string name) => new("organisation.duplicate-name", $"An organisation named '{name}' already exists.");

    public static InvalidError UnknownKind(string kind) => new("organisation.unknown-kind", $"'{kind}' is not an organisation kind; use 'csp' or 'mb'.", "kind");

    public static ConflictError MonitoringBodyMissing() =>
        new("organisation.monitoring-body-missing", "The installation has no Monitoring Body yet; create it first with 'adhere orgs add --kind mb --name …'.");

    public static ConflictError MonitoringBodyExists() => new("organisation.monitoring-body-exists", "This installation already has its Monitoring Body.");

    public static InvalidError InvalidWebsite() => new("organisation.invalid-website", "The web site must be an absolute http or https address.", "website");

    public static InvalidError InvalidContactEmail() => new("organisation.invalid-contact-email", "The data protection contact is not a valid e-mail address.", "privacyContactEmail");

    public static InvalidError AddressTooLong() => new("organisation.address-too-long", "The address is longer than 1000 characters.", "address");
}
