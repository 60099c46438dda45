using Adhere.BrowserTests.Infrastructure;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Portal;

/// <summary>The organisation profile in the provider portal: editors change it, viewers only read it.</summary>
public sealed class OrganisationProfileTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task SaveProfile_EditorSetsWebsiteAndContact_BothRolesSeeValuesOnlyEditorCanSave()
    {
        var org = await server.App.CreateProviderAsync();
        var editor = await server.App.CreateUserAsync(Role.CspEditor, org);
        var viewer = await server.App.CreateUserAsync(Role.CspViewer, org);
        const string website = "https://cloud.example.org/trust";
        const string contact = "dpo@cloud.example.org";
        await using var editorContext = await chromium.NewContextAsync(server);
        await using var viewerContext = await chromium.NewContextAsync(server);

        var editorPage = await editorContext.NewPageAsync();
        await Journeys.SignInAsync(editorPage, editor.Email, AdhereAppFactory.Password);
        await editorPage.GetByRole(AriaRole.Navigation, new() { Name = "Portal" }).GetByRole(AriaRole.Link, new() { Name = "Organisation profile" }).ClickAsync();
        await editorPage.GetByLabel("Web site").FillAsync(website);
        await editorPage.GetByLabel("Data protection contact (e-mail)").FillAsync(contact);
        await editorPage.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        await Expect(editorPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("The profile is saved.");
        await Expect(Fact(editorPage, "Web site")).ToHaveTextAsync(website);
        await Expect(Fact(editorPage, "Data protection contact")).ToHaveTextAsync(contact);
        await Expect(editorPage.GetByLabel("Web site")).ToHaveValueAsync(website);
        await Expect(editorPage.GetByLabel("Data protection contact (e-mail)")).ToHaveValueAsync(contact);

        var viewerPage = await viewerContext.NewPageAsync();
        await Journeys.SignInAsync(viewerPage, viewer.Email, AdhereAppFactory.Password);
        await viewerPage.GotoAsync("/portal/organisation");
        await Expect(Fact(viewerPage, "Web site")).ToHaveTextAsync(website);
        await Expect(Fact(viewerPage, "Data protection contact")).ToHaveTextAsync(contact);
        await Expect(viewerPage.GetByRole(AriaRole.Button, new() { Name = "Save profile" })).ToHaveCountAsync(0);
        await Expect(viewerPage.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
    }

    /// <summary>The value (dd) next to the term (dt) <paramref name="term"/> in the profile's facts.</summary>
    private static ILocator Fact(IPage page, string term) =>
        page.Locator("dl.facts dt").Filter(new() { HasTextRegex = new($"^{term}$") }).Locator("xpath=following-sibling::dd[1]");
}
