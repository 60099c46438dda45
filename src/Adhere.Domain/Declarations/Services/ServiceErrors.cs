using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Services;

public static class ServiceErrors
{
    public static NotFoundError NotFound(string id) => new("service.not-found", $"No service '{id}' was found.");

    public static InvalidError NameRequired() => new("service.name-required", "The service needs a name.", "name");

    public static InvalidError NameTooLong() => new("service.name-too-long", $"The name is longer than {CloudService.MaxNameLength} characters.", "name");

    public static InvalidError DescriptionTooLong() =>
        new("service.description-too-long", $"The description is longer than {CloudService.MaxDescriptionLength} characters.", "description");

    public static InvalidError FamilyTooLong() => new("service.family-too-long", $"The family is longer than {CloudService.MaxFamilyLength} characters.", "family");

    public static InvalidError UnknownCategory(string category) =>
        new("service.unknown-category", $"'{category}' is not a service category of any Code; choose one from the list.", "category");

    public static ConflictError DuplicateName(string name) => new("service.duplicate-name", $"Your organisation already has a service named '{name}'.");

    public static ConflictError AlreadyRetired(string name) => new("service.already-retired", $"The service '{name}' is already retired.");

    public static ConflictError NotRetired(string name) => new("service.not-retired", $"The service '{name}' is active; only a retired service can be reactivated.");

    public static InvalidError OrganisationRequired() =>
        new("service.organisation-required", "Name the cloud service provider the service belongs to.", "organisationId");

    public static InvalidError OrganisationNotProvider() =>
        new("service.organisation-not-provider", "Services belong to cloud service providers, not to the Monitoring Body.", "organisationId");

    public static NotFoundError CategoryNotFound(string id) => new("service-category.not-found", $"No service category '{id}' was found.");

    public static InvalidError CategoryCodeRequired() =>
        new("service-category.code-required", $"Name the Code the category belongs to (at most {ServiceCategory.MaxCodeNameLength} characters).", "code");

    public static InvalidError CategoryNameRequired() => new("service-category.name-required", "The category needs a name.", "name");

    public static InvalidError CategoryNameTooLong() =>
        new("service-category.name-too-long", $"The category name is longer than {ServiceCategory.MaxNameLength} characters.", "name");

    public static ConflictError DuplicateCategory(string name) => new("service-category.duplicate-name", $"The Code already has a category named '{name}'.");

    public static ConflictError CategoryInUse(string name, int services) =>
        new("service-category.in-use", $"{services} service(s) use the category '{name}', and no other Code lists it; change them first.");
}
