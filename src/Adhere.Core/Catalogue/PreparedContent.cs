using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>
/// The CPU work an import of a document will need, offered to another thread as soon as the document is read (ADR
/// 0036): the computed columns of its control rows, then its fingerprint. The importing thread meanwhile validates and
/// saves the header; it takes each result when it needs it, and does the work itself if no other thread has begun it.
/// A document completed from a stored version after this started has another fingerprint: users check
/// <see cref="IsFor"/> and <see cref="HasControlsOf"/>. Disposing stops work nobody will use (a refused file).
/// </summary>
#pragma warning disable CA1001 // see Dispose
public sealed class PreparedContent : IDisposable
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource stop = new();
    private readonly SharedWork<ControlColumns[]> columns;
    private readonly SharedWork<string> fingerprint;

    private PreparedContent(CatalogueDocument document)
    {
        Document = document;
        var token = stop.Token;
        columns = new SharedWork<ControlColumns[]>(() =>
        {
            var computed = new ControlColumns[document.Controls.Count];
            for (var i = 0; i < computed.Length; i++)
            {
                token.ThrowIfCancellationRequested();
                computed[i] = CatalogueStore.ColumnsOf(document.Controls[i]);
            }

            return computed;
        });
        fingerprint = new SharedWork<string>(() => CatalogueFingerprint.Current(document));
        SharedWork<string>.Queue(static p =>
        {
            // Both are synchronous: the columns first (needed first), then the fingerprint, each unless already claimed.
            if (!p.stop.IsCancellationRequested) _ = p.columns.RunOrJoinAsync();
            if (!p.stop.IsCancellationRequested) _ = p.fingerprint.RunOrJoinAsync();
        }, this);
    }

    /// <summary>The document the work is for.</summary>
    public CatalogueDocument Document { get; }

    public static PreparedContent Start(CatalogueDocument document) => new(document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>Whether this was made from <paramref name="document"/> itself, so that its fingerprint fits.</summary>
    public bool IsFor(CatalogueDocument document) => ReferenceEquals(Document, document);

    /// <summary>Whether this was made from the same list of controls, so that its columns fit.</summary>
    public bool HasControlsOf(CatalogueDocument document) => ReferenceEquals(Document.Controls, document?.Controls);

    /// <summary>The computed columns of <see cref="Document"/>'s controls, in order; computed here if not begun elsewhere.</summary>
    public Task<ControlColumns[]> ColumnsAsync() => columns.RunOrJoinAsync();

    /// <summary><see cref="CatalogueFingerprint.Current"/> of <see cref="Document"/>; computed here if not begun elsewhere.</summary>
    public Task<string> FingerprintAsync() => fingerprint.RunOrJoinAsync();

    // The source has no timer, so it holds nothing to release; left undisposed, the queued work may still ask it.
    public void Dispose()
    {
        stop.Cancel();
        columns.Abandon();
        fingerprint.Abandon();
    }
}
