using System.Text;
using Adhere.BrowserTests.Infrastructure;
using Adhere.Core.Catalogue;
using Adhere.Core.Services;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Adhere.BrowserTests.Portal;

/// <summary>A provider's editor starts a declaration and answers a control, the way it is done in a browser.</summary>
public sealed class DeclarationJourneyTests(AdhereServer server, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static string Catalogue(string name) => $"""
        format: adhere-catalogue/1
        code: {"{"} name: "{name}", version: "1.0", status: active {"}"}
        sections:
          - id: "5"
            title: Data protection
            sections:
              - id: "5.1"
                title: Agreement terms
                controls:
                  - {"{"} id: 5.1.A, title: Terms are written down, statement: The provider writes its terms down. {"}"}
                  - {"{"} id: 5.1.B, title: Terms are available, statement: The provider makes the terms available. {"}"}
        """;

    [Fact]
    public async Task StartAndAnswer_EditorSavesOneControl_ProgressShowsItAndMarkdownIsRendered()
    {
        var code = $"Journey Code {Guid.NewGuid():N}";
        var org = await server.App.CreateProviderAsync();
        var editor = await server.App.CreateUserAsync(Role.CspEditor, org);
        await server.App.WithSystemAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(Catalogue(code));
            await sp.GetRequiredService<ImportCatalogue>().HandleAsync(new(new MemoryStream(bytes), bytes.Length, CatalogueFormat.Native, false), CancellationToken.None);
            await sp.GetRequiredService<CreateService>().HandleAsync(new(org.Id, "Journey Storage", null, null, null), CancellationToken.None);
        });
        await using var context = await chromium.NewContextAsync(server);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, editor.Email, AdhereAppFactory.Password);

        await page.GotoAsync("/portal/declarations");
        await page.GetByLabel("Code version").SelectOptionAsync(new SelectOptionValue { Label = $"{code} 1.0" });
        await page.GetByLabel("Journey Storage").CheckAsync();
        await page.GetByLabel("Title (optional)").FillAsync("Journey declaration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the declaration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Journey declaration");

        await page.GetByRole(AriaRole.Link, new() { Name = "5.1 Agreement terms" }).First.ClickAsync();
        var control = page.Locator("article.control").Filter(new() { HasText = "5.1.A Terms are written down" });
        await control.GetByLabel("Implementation statement (Markdown)").FillAsync("We publish the **terms** online.<script>alert(1)</script>");
        await control.GetByRole(AriaRole.Button, new() { Name = "Save 5.1.A" }).ClickAsync();

        var saved = page.Locator("article.control").Filter(new() { HasText = "5.1.A Terms are written down" });
        await Expect(saved.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        await Expect(saved.Locator("strong", new() { HasText = "terms" })).ToHaveCountAsync(1);
        await Expect(page.Locator("script", new() { HasText = "alert(1)" })).ToHaveCountAsync(0);

        await page.GoBackAsync();
        await page.GoBackAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("tr", new() { HasText = "5.1 Agreement terms" })).ToContainTextAsync("1/2");
    }
}
