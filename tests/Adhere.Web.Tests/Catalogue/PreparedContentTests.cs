using Adhere.Core.Catalogue;
using Adhere.Core.Catalogue.Oscal;
using Adhere.Domain.Catalogue;
using Adhere.Web.Tests.Infrastructure;

namespace Adhere.Web.Tests.Catalogue;

public sealed class PreparedContentTests
{
    private static CatalogueDocument Nist() => OscalCatalogReader.Read(File.ReadAllBytes(
        RepositoryFiles.Shared("oscal/examples/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json"))).Document!;

    [Fact]
    public async Task Start_RealCatalog_GivesTheColumnsAndFingerprintTheImportWouldCompute()
    {
        var document = Nist();

        using var prepared = PreparedContent.Start(document);

        Assert.Equal(document.Controls.Select(CatalogueStore.ColumnsOf), await prepared.ColumnsAsync());
        Assert.Equal(CatalogueFingerprint.Current(document), await prepared.FingerprintAsync());
    }

    [Fact]
    public void IsFor_DocumentCompletedAfterwards_IsFalseButItsControlsStillFit()
    {
        // An OSCAL catalog that updates a stored version is completed from it (status, standards, mappings): another
        // fingerprint, the same controls.
        var document = Nist();
        using var prepared = PreparedContent.Start(document);
        var completed = document with { Code = document.Code with { Status = CatalogueStatus.Draft } };

        Assert.True(prepared.IsFor(document));
        Assert.False(prepared.IsFor(completed));
        Assert.True(prepared.HasControlsOf(completed));
        Assert.False(prepared.HasControlsOf(completed with { Controls = [.. completed.Controls] }));
    }

    [Fact]
    public async Task Dispose_BeforeTheWorkIsDone_NeverStartsWhatWasNotBegun()
    {
        var prepared = PreparedContent.Start(Nist());

        prepared.Dispose();

        // Whatever had not begun is abandoned (cancelled); whatever had begun ends, stopped or done; nothing hangs.
        var columns = prepared.ColumnsAsync();
        var fingerprint = prepared.FingerprintAsync();
        await Task.WhenAll(columns, fingerprint).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(columns.IsCompleted && fingerprint.IsCompleted);
        Assert.True(fingerprint.IsCanceled || (await fingerprint).Length == 64);
    }
}
