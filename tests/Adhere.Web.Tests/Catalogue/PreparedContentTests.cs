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

        Assert.Equal(document.Controls.Select(CatalogueStore.ColumnsOf), prepared.Columns);
        Assert.Equal(CatalogueFingerprint.Current(document), await prepared.FingerprintAsync());
    }

    [Fact]
    public async Task Columns_TakenWhileTheOtherThreadFillsThem_AreEachControlsOwnInOrder()
    {
        // The importing thread takes columns as it writes rows, computing those the other thread has not reached. Some
        // rounds start taking at once, some after a moment, so that both threads get to compute some of them.
        var document = Nist();
        var expected = document.Controls.Select(CatalogueStore.ColumnsOf).ToList();
        for (var round = 0; round < 20; round++)
        {
            using var prepared = PreparedContent.Start(document);
            if (round % 2 == 1) await Task.Delay(round / 4, TestContext.Current.CancellationToken);
            var taken = new List<ControlColumns>();
            for (var i = 0; i < prepared.Columns.Count; i++) taken.Add(prepared.Columns[i]);

            Assert.Equal(expected, taken);
        }
    }

    [Fact]
    public void Columns_OutsideTheControls_Throws()
    {
        using var prepared = PreparedContent.Start(Nist());

        Assert.Throws<ArgumentOutOfRangeException>(() => prepared.Columns[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => prepared.Columns[prepared.Columns.Count]);
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
        var fingerprint = prepared.FingerprintAsync();
        await fingerprint.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(fingerprint.IsCanceled || (await fingerprint).Length == 64);
        // Columns are still given: computed on the spot when the other thread stopped before them.
        Assert.Equal(CatalogueStore.ColumnsOf(prepared.Document.Controls[^1]), prepared.Columns[^1]);
    }
}
