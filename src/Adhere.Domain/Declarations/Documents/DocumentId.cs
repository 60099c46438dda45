using Adhere.Domain.Common;

namespace Adhere.Domain.Declarations.Documents;

/// <summary>Identifies an <see cref="EvidenceDocument"/>.</summary>
public readonly record struct DocumentId(Guid Value) : IEntityId
{
    public static DocumentId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString();
}
