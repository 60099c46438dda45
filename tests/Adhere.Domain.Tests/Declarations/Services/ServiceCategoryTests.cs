using Adhere.Domain.Declarations.Services;

namespace Adhere.Domain.Tests.Declarations.Services;

public class ServiceCategoryTests
{
    [Fact]
    public void Create_ValidNames_TrimsAndNormalises()
    {
        var category = ServiceCategory.Create(" EU Cloud CoC ", " Networking & CDN ", 2).Value;

        Assert.Equal("EU Cloud CoC", category.CodeName);
        Assert.Equal("EU CLOUD COC", category.NormalizedCodeName);
        Assert.Equal("Networking & CDN", category.Name);
        Assert.Equal("NETWORKING & CDN", category.NormalizedName);
        Assert.Equal(2, category.Position);
    }

    [Fact]
    public void Create_WithoutCode_ReturnsCodeRequired()
    {
        Assert.Equal("service-category.code-required", ServiceCategory.Create(" ", "Storage", 1).Error!.Code);
    }

    [Fact]
    public void Create_WithoutName_ReturnsNameRequired()
    {
        Assert.Equal("service-category.name-required", ServiceCategory.Create("EU Cloud CoC", null, 1).Error!.Code);
    }

    [Fact]
    public void Create_NameOver100Characters_ReturnsNameTooLong()
    {
        Assert.Equal("service-category.name-too-long", ServiceCategory.Create("EU Cloud CoC", new string('c', 101), 1).Error!.Code);
    }
}
