using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>
/// The CPU work an import of a document will need, started on another thread as soon as the document is read (ADR
/// 0035): the computed columns of its control rows, then its fingerprint. The importing thread meanwhile looks the
/// version up, validates and saves the header, so on a machine with a core to spare the work costs no wall time.
/// Whoever uses it checks that it was made from the document (or controls) in hand; a document completed from a stored
/// version after this started has another fingerprint. Disposing stops work nobody will use (a refused file).
/// </summary>
public sealed class PreparedContent : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<ControlColumns[]> columns = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PreparedContent(CatalogueDocument document)
    {
        Document = document;
        var token = stop.Token;
        Fingerprint = Task.Run(() =>
        {
            var computed = new ControlColumns[document.Controls.Count];
            for (var i = 0; i < computed.Length; i++)
            {
                if (token.IsCancellationRequested)
                {
                    columns.TrySetCanceled(token);
                    return string.Empty;
                }

                computed[i] = CatalogueStore.ColumnsOf(document.Controls[i]);
            }

            columns.TrySetResult(computed);
            return token.IsCancellationRequested ? string.Empty : CatalogueFingerprint.Current(document);
        }, CancellationToken.None);
        // A failure (a bug: the drafts are validated only later, but neither step throws on content) reaches both awaiters.
        _ = Fingerprint.ContinueWith(t => columns.TrySetException(t.Exception!.InnerExceptions), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The document the work is for.</summary>
    public CatalogueDocument Document { get; }

    /// <summary>The computed columns of <see cref="Document"/>'s controls, in order.</summary>
    public Task<ControlColumns[]> Columns => columns.Task;

    /// <summary><see cref="CatalogueFingerprint.Current"/> of <see cref="Document"/>.</summary>
    public Task<string> Fingerprint { get; }

    public static PreparedContent Start(CatalogueDocument document) => new(document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>The fingerprint when this was made from <paramref name="document"/>, else null.</summary>
    public Task<string>? FingerprintOf(CatalogueDocument document) => ReferenceEquals(Document, document) ? Fingerprint : null;

    /// <summary>The columns when this was made from the same list of controls, else null.</summary>
    public Task<ControlColumns[]>? ColumnsOf(CatalogueDocument document) =>
        ReferenceEquals(Document.Controls, document.Controls) ? Columns : null;

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
