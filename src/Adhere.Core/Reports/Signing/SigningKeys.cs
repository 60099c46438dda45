using System.Globalization;
using Adhere.Core.Persistence;
using Adhere.Domain.Audit;
using Adhere.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Adhere.Core.Reports.Signing;

/// <summary>A signing key as operators see it; never its private half.</summary>
public sealed record SigningKeySummary(string Kid, string Algorithm, DateTimeOffset CreatedAt, DateTimeOffset ActivatedAt, DateTimeOffset? RetiredAt)
{
    public string Status => RetiredAt is null ? "active" : "retired";
}

/// <summary>Creates the first signing key; once one exists, replacing it is <see cref="RotateSigningKey"/>'s job.</summary>
public sealed class CreateSigningKey(AdhereDb db, SigningSettings settings, TimeProvider time)
{
    public async Task<Result<SigningKeySummary>> HandleAsync(CancellationToken ct)
    {
        if (settings.KeyPassword is not { } password) return SigningErrors.PasswordMissing();
        if (await db.SigningKeys.AnyAsync(ct)) return SigningErrors.KeyExists();

        var key = SigningKey.Generate(password, time.GetUtcNow());
        db.SigningKeys.Add(key);
        db.Record("signing-key.created", "signing-key", key.Kid, null, new AuditChanges().Added("algorithm", key.Algorithm));
        await db.SaveChangesAsync(ct);
        return SigningKeyQueries.ToSummary(key);
    }
}

/// <summary>Retires the active key (which stays published, so what it signed still verifies) and activates a new one.</summary>
public sealed class RotateSigningKey(AdhereDb db, SigningSettings settings, TimeProvider time)
{
    public async Task<Result<SigningKeySummary>> HandleAsync(CancellationToken ct)
    {
        if (settings.KeyPassword is not { } password) return SigningErrors.PasswordMissing();
        var active = await db.SigningKeys.FirstOrDefaultAsync(k => k.RetiredAt == null, ct);
        if (active is null) return SigningErrors.NoActiveKey();

        var now = time.GetUtcNow();
        var key = SigningKey.Generate(password, now);
        active.Retire(now);
        // Two statements in one transaction: the retirement must reach the database before the new active row,
        // or the one-active-key index would reject the insert.
        await using var unit = await db.BeginUnitAsync(ct);
        await db.SaveChangesAsync(ct);
        db.SigningKeys.Add(key);
        db.Record("signing-key.rotated", "signing-key", key.Kid, null, new AuditChanges()
            .Set("activeKey", active.Kid, key.Kid)
            .Added("retiredAt", now.ToString("O", CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return SigningKeyQueries.ToSummary(key);
    }
}

public sealed class SigningKeyQueries(AdhereDb db)
{
    /// <summary>All keys, newest first.</summary>
    public async Task<IReadOnlyList<SigningKeySummary>> ListAsync(CancellationToken ct)
    {
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(ct);
        return Newest(keys).Select(ToSummary).ToList();
    }

    public async Task<SigningKeySummary?> ActiveAsync(CancellationToken ct)
    {
        var key = await db.SigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.RetiredAt == null, ct);
        return key is null ? null : ToSummary(key);
    }

    /// <summary>Every published key, active and retired, as the public JWK Set that verifiers fetch.</summary>
    public async Task<JsonWebKeySet> PublishedAsync(CancellationToken ct)
    {
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(ct);
        return new JsonWebKeySet(Newest(keys).Select(k => k.ToJwk()).ToList());
    }

    // The active key first, then the retired ones by when they stopped signing: activation times can tie (a rotation
    // within the same instant), retirement order cannot, since each rotation retires the key the previous one made.
    private static IEnumerable<SigningKey> Newest(IEnumerable<SigningKey> keys) => keys
        .OrderBy(k => k.RetiredAt is null ? 0 : 1)
        .ThenByDescending(k => k.RetiredAt)
        .ThenByDescending(k => k.ActivatedAt)
        .ThenBy(k => k.Kid, StringComparer.Ordinal);

    internal static SigningKeySummary ToSummary(SigningKey k) => new(k.Kid, k.Algorithm, k.CreatedAt, k.ActivatedAt, k.RetiredAt);
}

internal static class SigningKeyModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<SigningKey>(k =>
    {
        k.ToTable("SigningKeys");
        k.HasKey(x => x.Kid);
        k.Property(x => x.Kid).HasMaxLength(64);
        k.Property(x => x.Algorithm).HasMaxLength(16);
        k.Property(x => x.PublicX).HasMaxLength(64);
        k.Property(x => x.PublicY).HasMaxLength(64);
        k.Ignore(x => x.IsActive);
        // At most one active key per algorithm, whatever races: a partial unique index both providers understand.
        k.HasIndex(x => x.Algorithm).IsUnique().HasFilter("\"RetiredAt\" IS NULL").HasDatabaseName("IX_SigningKeys_OneActive");
    });
}
