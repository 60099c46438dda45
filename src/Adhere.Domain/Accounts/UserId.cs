using Adhere.Domain.Common;

namespace Adhere.Domain.Accounts;

/// <summary>Identifies a user account.</summary>
public readonly record struct UserId(Guid Value) : IEntityId
{
    public static UserId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}
