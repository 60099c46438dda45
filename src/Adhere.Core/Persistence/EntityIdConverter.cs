using System.Linq.Expressions;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Adhere.Core.Persistence;

/// <summary>Stores any <see cref="IEntityId"/> as its GUID; registered once for every ID type by convention.</summary>
public sealed class EntityIdConverter<TId>() : ValueConverter<TId, Guid>(ToGuid(), FromGuid())
    where TId : struct, IEntityId
{
    private static Expression<Func<TId, Guid>> ToGuid() => id => id.Value;

    private static Expression<Func<Guid, TId>> FromGuid()
    {
        var value = Expression.Parameter(typeof(Guid), "value");
        var ctor = typeof(TId).GetConstructor([typeof(Guid)])
            ?? throw new InvalidOperationException($"{typeof(TId).Name} needs a constructor taking a Guid.");
        return Expression.Lambda<Func<Guid, TId>>(Expression.New(ctor, value), value);
    }
}

/// <summary>Stores instants as UTC ticks in SQLite, which has no instant type and cannot order offset text.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
