using Adhere.Domain.Common;

namespace Adhere.Domain.Complaints;

/// <summary>Identifies a <see cref="Complaint"/> internally; the public name is its <see cref="ComplaintReference"/>.</summary>
public readonly record struct ComplaintId(Guid Value) : IEntityId
{
    public static ComplaintId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}
