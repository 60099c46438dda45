namespace Adhere.Domain.Common;

/// <summary>
/// A strongly typed identifier over a <see cref="Guid"/>. Every ID type implements this so that one EF convention
/// can store them all as their underlying GUID. The type must have a public constructor taking the GUID.
/// </summary>
public interface IEntityId
{
    Guid Value { get; }
}
