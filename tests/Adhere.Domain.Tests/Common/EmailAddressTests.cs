using Adhere.Domain.Common;

namespace Adhere.Domain.Tests.Common;

public class EmailAddressTests
{
    [Theory]
    [InlineData("user@example.com")]
    [InlineData("first.last+tag@mail.example.co.uk")]
    [InlineData("USER@EXAMPLE.COM")]
    public void IsPlausible_OrdinaryAddress_IsTrue(string value)
    {
        Assert.True(EmailAddress.IsPlausible(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("userexample.com")]
    [InlineData("user@")]
    [InlineData("@example.com")]
    [InlineData("user@@example.com")]
    [InlineData("a b@example.com")]
    [InlineData("user@example..com")]
    public void IsPlausible_Malformed_IsFalse(string? value)
    {
        Assert.False(EmailAddress.IsPlausible(value));
    }

    [Fact]
    public void IsPlausible_DomainWithoutDot_IsFalse()
    {
        Assert.False(EmailAddress.IsPlausible("root@localhost"));
    }

    [Theory]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("<ada@example.com>")]
    public void IsPlausible_WithDisplayNameOrBrackets_IsFalse(string value)
    {
        Assert.False(EmailAddress.IsPlausible(value));
    }

    [Fact]
    public void IsPlausible_TwoAddresses_IsFalse()
    {
        Assert.False(EmailAddress.IsPlausible("ada@example.com, bob@example.com"));
    }

    [Theory]
    [InlineData(" ada@example.com")]
    [InlineData("ada@example.com ")]
    [InlineData("ada@example.com\n")]
    public void IsPlausible_SurroundingWhitespace_IsFalse(string value)
    {
        Assert.False(EmailAddress.IsPlausible(value));
    }

    [Fact]
    public void IsPlausible_ExactlyMaximumLength_IsTrue()
    {
        var value = Address(EmailAddress.MaxLength);

        Assert.True(EmailAddress.IsPlausible(value));
    }

    [Fact]
    public void IsPlausible_OneOverMaximumLength_IsFalse()
    {
        var value = Address(EmailAddress.MaxLength + 1);

        Assert.False(EmailAddress.IsPlausible(value));
    }

    // A local part of 64 characters and a dotted domain filling the rest.
    private static string Address(int length) => new string('a', 64) + "@" + new string('b', length - 64 - 1 - 4) + ".com";
}
