using Adhere.Domain.Common;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Organisations;

public class OrganisationTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Organisation CreateSut(string name = "Acme Cloud GmbH") =>
        Organisation.Create(name, OrganisationKind.CloudServiceProvider, Now).Value;

    [Fact]
    public void Create_ValidName_TrimsNameAndNormalisesForUniqueness()
    {
        var result = Organisation.Create("  Acme Cloud GmbH  ", OrganisationKind.CloudServiceProvider, Now);

        var organisation = result.Value;
        Assert.Equal("Acme Cloud GmbH", organisation.Name);
        Assert.Equal("ACME CLOUD GMBH", organisation.NormalizedName);
        Assert.Equal(OrganisationKind.CloudServiceProvider, organisation.Kind);
        Assert.False(organisation.IsMonitoringBody);
        Assert.Equal(Now, organisation.CreatedAt);
        Assert.Null(organisation.Address);
        Assert.Null(organisation.Website);
        Assert.Null(organisation.PrivacyContactEmail);
    }

    [Fact]
    public void Create_MonitoringBody_IsMonitoringBody()
    {
        var organisation = Organisation.Create("Monitoring Body", OrganisationKind.MonitoringBody, Now).Value;

        Assert.True(organisation.IsMonitoringBody);
    }

    [Fact]
    public void Create_Twice_GivesDistinctIds()
    {
        Assert.NotEqual(CreateSut().Id, CreateSut().Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Create_MissingName_ReturnsNameRequired(string? name)
    {
        var result = Organisation.Create(name, OrganisationKind.CloudServiceProvider, Now);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("organisation.name-required", error.Code);
        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Create_NameLongerThanMaximum_ReturnsNameTooLong()
    {
        var result = Organisation.Create(new string('x', Organisation.MaxNameLength + 1), OrganisationKind.CloudServiceProvider, Now);

        Assert.Equal("organisation.name-too-long", result.Error?.Code);
    }

    [Fact]
    public void Create_NameOfMaximumLengthWithSurroundingSpace_IsAccepted()
    {
        var name = new string('x', Organisation.MaxNameLength);

        var result = Organisation.Create(" " + name + " ", OrganisationKind.CloudServiceProvider, Now);

        Assert.Equal(name, result.Value.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Create_UndefinedKind_ReturnsUnknownKind(int kind)
    {
        var result = Organisation.Create("Acme", (OrganisationKind)kind, Now);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("organisation.unknown-kind", error.Code);
        Assert.Equal("kind", error.Field);
    }

    [Fact]
    public void Normalize_NamesDifferingInCaseAndSpace_AreEqual()
    {
        Assert.Equal(Organisation.Normalize("acme cloud"), Organisation.Normalize("  ACME Cloud "));
        Assert.NotEqual(Organisation.Normalize("acme cloud"), Organisation.Normalize("acme-cloud"));
    }

    [Fact]
    public void UpdateProfile_ValidValues_ReplacesProfileTrimmedAndRenormalisesName()
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile(" Acme Europe ", " Main St 1, Berlin ", " https://acme.example.com/privacy ", " dpo@acme.example.com ");

        Assert.False(result.IsError);
        Assert.Equal("Acme Europe", organisation.Name);
        Assert.Equal("ACME EUROPE", organisation.NormalizedName);
        Assert.Equal("Main St 1, Berlin", organisation.Address);
        Assert.Equal("https://acme.example.com/privacy", organisation.Website);
        Assert.Equal("dpo@acme.example.com", organisation.PrivacyContactEmail);
    }

    [Fact]
    public void UpdateProfile_BlankOptionalFields_ClearsThem()
    {
        var organisation = CreateSut();
        organisation.UpdateProfile("Acme", "Main St 1", "https://acme.example.com", "dpo@acme.example.com");

        var result = organisation.UpdateProfile("Acme", "", "   ", null);

        Assert.False(result.IsError);
        Assert.Null(organisation.Address);
        Assert.Null(organisation.Website);
        Assert.Null(organisation.PrivacyContactEmail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void UpdateProfile_MissingName_ReturnsNameRequired(string? name)
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile(name, null, null, null);

        Assert.Equal("organisation.name-required", result.Error?.Code);
        Assert.Equal("Acme Cloud GmbH", organisation.Name);
    }

    [Theory]
    [InlineData("http://acme.example.com")]
    [InlineData("https://acme.example.com:8443/path?q=1")]
    [InlineData("HTTPS://ACME.EXAMPLE.COM")]
    public void UpdateProfile_HttpOrHttpsWebsite_IsAccepted(string website)
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile("Acme", null, website, null);

        Assert.False(result.IsError);
        Assert.Equal(website, organisation.Website);
    }

    [Theory]
    [InlineData("acme.example.com")]
    [InlineData("/privacy")]
    [InlineData("ftp://acme.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:dpo@acme.example.com")]
    [InlineData("file:///etc/passwd")]
    public void UpdateProfile_WebsiteNotAbsoluteHttp_ReturnsInvalidWebsite(string website)
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile("Acme", null, website, null);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("organisation.invalid-website", error.Code);
        Assert.Equal("website", error.Field);
    }

    [Theory]
    [InlineData("dpo")]
    [InlineData("dpo@localhost")]
    [InlineData("Data Protection <dpo@acme.example.com>")]
    public void UpdateProfile_ImplausibleContactEmail_ReturnsInvalidContactEmail(string email)
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile("Acme", null, null, email);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("organisation.invalid-contact-email", error.Code);
        Assert.Equal("privacyContactEmail", error.Field);
    }

    [Fact]
    public void UpdateProfile_AddressOver1000Characters_ReturnsAddressTooLong()
    {
        var organisation = CreateSut();

        var result = organisation.UpdateProfile("Acme", new string('a', 1001), null, null);

        var error = Assert.IsType<InvalidError>(result.Error);
        Assert.Equal("organisation.address-too-long", error.Code);
        Assert.Equal("address", error.Field);
    }

    [Fact]
    public void UpdateProfile_AddressOf1000CharactersWithSurroundingSpace_IsAccepted()
    {
        var organisation = CreateSut();
        var address = new string('a', 1000);

        var result = organisation.UpdateProfile("Acme", "  " + address + "  ", null, null);

        Assert.False(result.IsError);
        Assert.Equal(address, organisation.Address);
    }

    [Fact]
    public void UpdateProfile_LastCheckFails_LeavesWholeProfileUnchanged()
    {
        var organisation = CreateSut();
        organisation.UpdateProfile("Acme", "Main St 1", "https://acme.example.com", "dpo@acme.example.com");

        var result = organisation.UpdateProfile("Renamed", "Other St 2", "https://other.example.com", "not-an-email");

        Assert.True(result.IsError);
        Assert.Equal("Acme", organisation.Name);
        Assert.Equal("ACME", organisation.NormalizedName);
        Assert.Equal("Main St 1", organisation.Address);
        Assert.Equal("https://acme.example.com", organisation.Website);
        Assert.Equal("dpo@acme.example.com", organisation.PrivacyContactEmail);
    }
}
