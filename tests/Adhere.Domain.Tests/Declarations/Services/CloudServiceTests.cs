using Adhere.Domain.Declarations.Services;
using Adhere.Domain.Organisations;

namespace Adhere.Domain.Tests.Declarations.Services;

public class CloudServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrganisationId Owner = OrganisationId.New();

    private static CloudService CreateSut(string name = "Acme Compute") =>
        CloudService.Create(Owner, name, "Virtual machines", "Computing", "Acme Core", Now).Value;

    [Fact]
    public void Create_ValidFields_TrimsAndStartsActive()
    {
        var service = CloudService.Create(Owner, "  Acme Compute ", "  Virtual machines ", " Computing ", " Acme Core ", Now).Value;

        Assert.Equal("Acme Compute", service.Name);
        Assert.Equal("ACME COMPUTE", service.NormalizedName);
        Assert.Equal("Virtual machines", service.Description);
        Assert.Equal("Computing", service.Category);
        Assert.Equal("Acme Core", service.Family);
        Assert.Equal(Owner, service.OrganisationId);
        Assert.Equal(ServiceStatus.Active, service.Status);
        Assert.Equal(Now, service.CreatedAt);
        Assert.Null(service.RetiredAt);
    }

    [Fact]
    public void Create_BlankOptionalFields_StoresNull()
    {
        var service = CloudService.Create(Owner, "Acme Compute", " ", "", null, Now).Value;

        Assert.Null(service.Description);
        Assert.Null(service.Category);
        Assert.Null(service.Family);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutName_ReturnsNameRequired(string? name)
    {
        var result = CloudService.Create(Owner, name, null, null, null, Now);

        Assert.Equal("service.name-required", result.Error!.Code);
    }

    [Fact]
    public void Create_NameOf200Characters_IsAccepted()
    {
        Assert.False(CloudService.Create(Owner, new string('n', 200), null, null, null, Now).IsError);
    }

    [Fact]
    public void Create_NameOf201Characters_ReturnsNameTooLong()
    {
        Assert.Equal("service.name-too-long", CloudService.Create(Owner, new string('n', 201), null, null, null, Now).Error!.Code);
    }

    [Fact]
    public void Create_DescriptionOver1000Characters_ReturnsDescriptionTooLong()
    {
        Assert.Equal("service.description-too-long", CloudService.Create(Owner, "Acme", new string('d', 1001), null, null, Now).Error!.Code);
    }

    [Fact]
    public void Create_FamilyOver200Characters_ReturnsFamilyTooLong()
    {
        Assert.Equal("service.family-too-long", CloudService.Create(Owner, "Acme", null, null, new string('f', 201), Now).Error!.Code);
    }

    [Fact]
    public void Update_InvalidName_LeavesServiceUnchanged()
    {
        var service = CreateSut();

        var result = service.Update(" ", "Other", "Storage", "Other family");

        Assert.Equal("service.name-required", result.Error!.Code);
        Assert.Equal("Acme Compute", service.Name);
        Assert.Equal("Virtual machines", service.Description);
        Assert.Equal("Computing", service.Category);
        Assert.Equal("Acme Core", service.Family);
    }

    [Fact]
    public void Update_ValidFields_ReplacesThemAndNormalisesName()
    {
        var service = CreateSut();

        var result = service.Update("Acme Storage", null, "Storage", null);

        Assert.False(result.IsError);
        Assert.Equal("ACME STORAGE", service.NormalizedName);
        Assert.Null(service.Description);
        Assert.Equal("Storage", service.Category);
        Assert.Null(service.Family);
    }

    [Fact]
    public void Retire_ActiveService_IsRetiredAtThatInstant()
    {
        var service = CreateSut();
        var later = Now.AddDays(3);

        var result = service.Retire(later);

        Assert.False(result.IsError);
        Assert.Equal(ServiceStatus.Retired, service.Status);
        Assert.Equal(later, service.RetiredAt);
    }

    [Fact]
    public void Retire_WhenAlreadyRetired_ReturnsConflictAndKeepsFirstInstant()
    {
        var service = CreateSut();
        service.Retire(Now);

        var result = service.Retire(Now.AddDays(1));

        Assert.Equal("service.already-retired", result.Error!.Code);
        Assert.Equal(Now, service.RetiredAt);
    }

    [Fact]
    public void Reactivate_RetiredService_IsActiveAgain()
    {
        var service = CreateSut();
        service.Retire(Now);

        var result = service.Reactivate();

        Assert.False(result.IsError);
        Assert.Equal(ServiceStatus.Active, service.Status);
        Assert.Null(service.RetiredAt);
    }

    [Fact]
    public void Reactivate_ActiveService_ReturnsNotRetired()
    {
        Assert.Equal("service.not-retired", CreateSut().Reactivate().Error!.Code);
    }

    [Fact]
    public void Normalize_DiffersOnlyInCase_GivesSameKey()
    {
        Assert.Equal(CloudService.Normalize("nimbus compute"), CloudService.Normalize(" Nimbus Compute "));
    }
}
