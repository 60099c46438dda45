using System.Net;
using System.Text;
using Adhere.Domain.Accounts;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Documents;

public sealed class DocumentPagesTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private static async Task<HttpResponseMessage> UploadAsync(PageClient page, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await page.AntiforgeryTokenAsync("/portal/documents")), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await page.Http.PostAsync("/portal/documents", form);
    }

    [Fact]
    public async Task Upload_AsCspEditor_ListsDocumentWithDownloadLink()
    {
        var org = await app.CreateProviderAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));
        var name = $"policy-{Guid.NewGuid():N}.pdf";
        var content = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {name}\n");

        var posted = await UploadAsync(page, name, content);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await page.Http.GetStringAsync("/portal/documents");
        Assert.Contains(name, html, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/portal/documents/[0-9a-f-]+/content)\"").Groups[1].Value;
        var download = await page.GetAsync(link);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_DisguisedFile_ShowsErrorAndListsNothing()
    {
        var org = await app.CreateProviderAsync();
        using var page = await app.SignInAsync(await app.CreateUserAsync(Role.CspEditor, org));

        var posted = await UploadAsync(page, "report.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("its content is", html, StringComparison.Ordinal);
        Assert.Contains("not uploaded any documents", html, StringComparison.Ordinal);
    }
}
