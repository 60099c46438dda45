using Adhere.Domain.Accounts;
using Adhere.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Domain.Tests.Accounts;

public class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly UserId Owner = new(new Guid("a1b2c3d4-0000-4000-8000-000000000001"));

    private static ApiToken CreateSut(TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        ApiToken.Issue(Owner, "CI pipeline", Role.CspEditor, lifetime ?? TimeSpan.FromDays(30), now ?? Now).Value.Token;

    [Fact]
    public void Issue_ValidInput_ReturnsPrefixedSecretOf256RandomBits()
    {
        var result = ApiToken.Issue(Owner, "CI pipeline", Role.CspEditor, TimeSpan.FromDays(30), Now);

        var secret = result.Value.Secret;
        Assert.StartsWith("adh_", secret, StringComparison.Ordinal);
        // 32 bytes as unpadded base64url are 43 characters.
        Assert.Matches("^adh_[A-Za-z0-9_-]{43}$", secret);
    }

    [Fact]
    public void Issue_ValidInput_StoresOnlyTheHashOfTheSecret()
    {
        var (token, secret) = ApiToken.Issue(Owner, "CI pipeline", Role.CspEditor, TimeSpan.FromDays(30), Now).Value;

        Assert.Equal(ApiToken.HashSecret(secret), token.SecretHash);
        Assert.NotEqual(secret, token.SecretHash);
        Assert.DoesNotContain(secret[ApiToken.SecretPrefix.Length..], token.SecretHash, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", token.SecretHash);
    }

    [Fact]
    public void Issue_ValidInput_RecordsOwnerRoleTrimmedNameAndLifetime()
    {
        var (token, _) = ApiToken.Issue(Owner, "  CI pipeline  ", Role.MbAssessor, TimeSpan.FromDays(90), Now).Value;

        Assert.Equal(Owner, token.OwnerId);
        Assert.Equal("CI pipeline", token.Name);
        Assert.Equal("mb-assessor", token.RoleName);
        Assert.Equal(Now, token.CreatedAt);
        Assert.Equal(Now.AddDays(90), token.ExpiresAt);
        Assert.False(token.IsRevoked);
        Assert.Null(token.RevokedAt);
        Assert.Null(token.LastUsedAt);
    }

    [Fact]
    public void Issue_TwiceWithSameInput_GivesDistinctIdsAndSecrets()
    {
        var first = ApiToken.Issue(Owner, "CI", Role.CspViewer, TimeSpan.FromDays(1), Now).Value;
        var second = ApiToken.Issue(Owner, "CI", Role.CspViewer, TimeSpan.FromDays(1), Now).Value;

        Assert.NotEqual(first.Token.Id, second.Token.Id);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Token.SecretHash, second.Token.SecretHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_MissingName_ReturnsNameRequired(string? name)
    {
        var result = ApiToken.Issue(Owner, name, Role.CspEditor, TimeSpan.FromDays(30), Now);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("token.name-required", error.Code);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Issue_NameOf101Characters_ReturnsNameTooLong()
    {
        var result = ApiToken.Issue(Owner, new string('n', 101), Role.CspEditor, TimeSpan.FromDays(30), Now);

        Assert.Equal("token.name-too-long", result.Error?.Code);
    }

    [Fact]
    public void Issue_NameOf100CharactersWithSurroundingSpace_IsAccepted()
    {
        var name = new string('n', 100);

        var result = ApiToken.Issue(Owner, "  " + name + "  ", Role.CspEditor, TimeSpan.FromDays(30), Now);

        Assert.False(result.IsError);
        Assert.Equal(name, result.Value.Token.Name);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-864_000_000_000L)]
    public void Issue_LifetimeNotPositive_ReturnsLifetimeOutOfRange(long ticks)
    {
        var result = ApiToken.Issue(Owner, "CI", Role.CspEditor, TimeSpan.FromTicks(ticks), Now);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("token.lifetime-out-of-range", error.Code);
    }

    [Fact]
    public void Issue_LifetimeJustAboveMaximum_ReturnsLifetimeOutOfRange()
    {
        var result = ApiToken.Issue(Owner, "CI", Role.CspEditor, ApiToken.MaxLifetime + TimeSpan.FromTicks(1), Now);

        Assert.Equal("token.lifetime-out-of-range", result.Error?.Code);
    }

    [Fact]
    public void Issue_LifetimeExactlyMaximum_ExpiresAfter366Days()
    {
        var result = ApiToken.Issue(Owner, "CI", Role.CspEditor, ApiToken.MaxLifetime, Now);

        Assert.False(result.IsError);
        Assert.Equal(Now.AddDays(366), result.Value.Token.ExpiresAt);
    }

    [Fact]
    public void Issue_NullRole_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ApiToken.Issue(Owner, "CI", null!, TimeSpan.FromDays(1), Now));
    }

    [Fact]
    public void HashSecret_KnownInput_ReturnsLowerCaseHexSha256()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiToken.HashSecret("abc"));
    }

    [Fact]
    public void IsExpired_OneTickBeforeExpiry_IsFalse()
    {
        var token = CreateSut(TimeSpan.FromDays(30));

        Assert.False(token.IsExpired(token.ExpiresAt.AddTicks(-1)));
    }

    [Fact]
    public void IsExpired_ExactlyAtExpiry_IsTrue()
    {
        var token = CreateSut(TimeSpan.FromDays(30));

        Assert.True(token.IsExpired(Now.AddDays(30)));
    }

    [Fact]
    public void IsExpired_SameInstantInOtherOffset_IsTrue()
    {
        var token = CreateSut(TimeSpan.FromDays(30));

        Assert.True(token.IsExpired(Now.AddDays(30).ToOffset(TimeSpan.FromHours(-7))));
    }

    [Fact]
    public void Revoke_ActiveToken_RecordsInstant()
    {
        var token = CreateSut();

        var result = token.Revoke(Now.AddHours(1));

        Assert.False(result.IsError);
        Assert.True(token.IsRevoked);
        Assert.Equal(Now.AddHours(1), token.RevokedAt);
    }

    [Fact]
    public void Revoke_Twice_ReturnsConflictAndKeepsFirstInstant()
    {
        var token = CreateSut();
        token.Revoke(Now.AddHours(1));

        var result = token.Revoke(Now.AddHours(2));

        var error = Assert.IsType<ConflictError>(result.Error);
        Assert.Equal("token.already-revoked", error.Code);
        Assert.Equal(Now.AddHours(1), token.RevokedAt);
    }

    [Fact]
    public void TouchUsed_FirstUse_RecordsAndReturnsTrue()
    {
        var token = CreateSut();

        var written = token.TouchUsed(Now.AddMinutes(5));

        Assert.True(written);
        Assert.Equal(Now.AddMinutes(5), token.LastUsedAt);
    }

    [Fact]
    public void TouchUsed_AgainWithinAMinute_ReturnsFalseAndKeepsFirstUse()
    {
        var time = new FakeTimeProvider(Now);
        var token = CreateSut(now: time.GetUtcNow());
        token.TouchUsed(time.GetUtcNow());
        var firstUse = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(59));

        var written = token.TouchUsed(time.GetUtcNow());

        Assert.False(written);
        Assert.Equal(firstUse, token.LastUsedAt);
    }

    [Fact]
    public void TouchUsed_ExactlyAMinuteLater_RecordsAgain()
    {
        var time = new FakeTimeProvider(Now);
        var token = CreateSut(now: time.GetUtcNow());
        token.TouchUsed(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));

        var written = token.TouchUsed(time.GetUtcNow());

        Assert.True(written);
        Assert.Equal(Now.AddMinutes(1), token.LastUsedAt);
    }

    [Fact]
    public void TouchUsed_ThrottledUses_DoNotExtendTheWindow()
    {
        // Uses at 0s, 30s and 60s: the one at 60s is a minute after the last *recorded* use, so it is written.
        var time = new FakeTimeProvider(Now);
        var token = CreateSut(now: time.GetUtcNow());
        token.TouchUsed(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(30));
        token.TouchUsed(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(30));

        var written = token.TouchUsed(time.GetUtcNow());

        Assert.True(written);
        Assert.Equal(Now.AddMinutes(1), token.LastUsedAt);
    }
}
