using Adhere.Core.Catalogue;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;

namespace Adhere.Web.Tests.Catalogue;

public sealed class PreparedContentTests
{
    private static CatalogueDocument Nist()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Adhere.slnx"))) continue;
            var file = Path.Combine(dir.FullName, "..", "shared", "oscal", "examples", "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json");
            return OscalCatalogReader.Read(File.ReadAllBytes(file)).Document!;
        }

        throw new DirectoryNotFoundException("Adhere.slnx not found");
    }

    [Fact]
    public async Task Start_RealCatalog_GivesTheColumnsAndFingerprintTheImportWouldCompute()
    {
        var document = Nist();

        using var prepared = PreparedContent.Start(document);

        var columns = await prepared.Columns;
        Assert.Equal(document.Controls.Select(CatalogueStore.ColumnsOf), columns);
        Assert.Equal(CatalogueFingerprint.Current(document), await prepared.Fingerprint);
    }

    [Fact]
    public async Task FingerprintOf_DocumentCompletedAfterwards_IsNullButColumnsStillFit()
    {
        // An OSCAL catalog that updates a stored version is completed from it (status, standards, mappings): another
        // fingerprint, the same controls.
        var document = Nist();
        using var prepared = PreparedContent.Start(document);
        var completed = document with { Code = document.Code with { Status = CatalogueStatus.Draft } };

        Assert.Null(prepared.FingerprintOf(completed));
        Assert.Same(prepared.Fingerprint, prepared.FingerprintOf(document));
        Assert.Same(prepared.Columns, prepared.ColumnsOf(completed));
        Assert.Null(prepared.ColumnsOf(completed with { Controls = [.. completed.Controls] }));
        await prepared.Fingerprint;
    }

    [Fact]
    public async Task Dispose_BeforeTheWorkIsDone_StopsWithoutAFault()
    {
        var prepared = PreparedContent.Start(Nist());

        prepared.Dispose();

        // Either the work was done already, or it stopped: neither faults, and nothing waits forever.
        var fingerprint = await prepared.Fingerprint.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(fingerprint.Length is 0 or 64);
        await Task.WhenAny(prepared.Columns).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(prepared.Columns.IsFaulted);
    }
}
