using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Services;

/// <summary>Identifies a <see cref="ServiceCategory"/>.</summary>
public readonly record struct ServiceCategoryId(Guid Value) : IEntityId
{
    public static ServiceCategoryId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// One entry of the category list the Monitoring Body keeps for a Code, named by the Code's (catalogue) name.
/// Names are trimmed, 1–100 characters and unique within a Code ignoring case (the use case checks uniqueness);
/// <see cref="Position"/> orders the list for display.
/// </summary>
public sealed class ServiceCategory
{
    public const int MaxNameLength = 100;

    public const int MaxCodeNameLength = 200;

    private ServiceCategory()
    {
        CodeName = NormalizedCodeName = Name = NormalizedName = string.Empty;
    }

    public ServiceCategoryId Id { get; private set; }

    public string CodeName { get; private set; }

    /// <summary>The Code name in upper case (invariant culture), for lookups ignoring case.</summary>
    public string NormalizedCodeName { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name in upper case (invariant culture), unique within the Code.</summary>
    public string NormalizedName { get; private set; }

    public int Position { get; private set; }

    public static Result<ServiceCategory> Create(string? codeName, string? name, int position)
    {
        var code = codeName?.Trim();
        if (string.IsNullOrEmpty(code)) return ServiceErrors.CategoryCodeRequired();
        if (code.Length > MaxCodeNameLength) return ServiceErrors.CategoryCodeRequired();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return ServiceErrors.CategoryNameRequired();
        if (trimmed.Length > MaxNameLength) return ServiceErrors.CategoryNameTooLong();
        return new ServiceCategory
        {
            Id = ServiceCategoryId.New(),
            CodeName = code,
            NormalizedCodeName = Normalize(code),
            Name = trimmed,
            NormalizedName = Normalize(trimmed),
            Position = position,
        };
    }

    /// <summary>The form in which Code and category names are compared.</summary>
    public static string Normalize(string name) => (name ?? string.Empty).Trim().ToUpperInvariant();
}
