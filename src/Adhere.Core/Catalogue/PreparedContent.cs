using Adhere.Domain.Catalogue;

namespace Adhere.Core.Catalogue;

/// <summary>
/// The CPU work an import of a document will need, offered to another thread as soon as the document is read (ADR
/// 0036): the computed columns of its control rows, then its fingerprint. The importing thread meanwhile validates and
/// writes; it takes each result when it needs it, and does the work itself if no other thread has done it by then.
/// A document completed from a stored version after this started has another fingerprint: users check
/// <see cref="IsFor"/> and <see cref="HasControlsOf"/>. Disposing stops work nobody will use (a refused file).
/// </summary>
#pragma warning disable CA1001 // see Dispose
public sealed class PreparedContent : IDisposable
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource stop = new();
    private readonly ControlColumns?[] computed;
    private readonly SharedWork<string> fingerprint;

    // The next control whose columns the importing thread takes (ADR 0037): the other thread skips the ones before it.
    private int taken;

    private PreparedContent(CatalogueDocument document)
    {
        Document = document;
        computed = new ControlColumns?[document.Controls.Count];
        Columns = new ColumnList(this);
        fingerprint = new SharedWork<string>(() => CatalogueFingerprint.Current(document));
        SharedWork<string>.Queue(static p =>
        {
            // The columns first (the rows need them first), then the fingerprint unless already claimed.
            p.FillColumns();
            if (!p.stop.IsCancellationRequested) _ = p.fingerprint.RunOrJoinAsync();
        }, this);
    }

    /// <summary>The document the work is for.</summary>
    public CatalogueDocument Document { get; }

    /// <summary>
    /// The computed columns of <see cref="Document"/>'s controls, in order. A control's columns are computed by the
    /// caller when the other thread has not got to it yet, so rows are written as soon as their columns exist and the
    /// writer never waits (ADR 0037).
    /// </summary>
    public IReadOnlyList<ControlColumns> Columns { get; }

    public static PreparedContent Start(CatalogueDocument document) => new(document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>Whether this was made from <paramref name="document"/> itself, so that its fingerprint fits.</summary>
    public bool IsFor(CatalogueDocument document) => ReferenceEquals(Document, document);

    /// <summary>Whether this was made from the same list of controls, so that its columns fit.</summary>
    public bool HasControlsOf(CatalogueDocument document) => ReferenceEquals(Document.Controls, document?.Controls);

    /// <summary><see cref="CatalogueFingerprint.Current"/> of <see cref="Document"/>; computed here if not begun elsewhere.</summary>
    public Task<string> FingerprintAsync() => fingerprint.RunOrJoinAsync();

    // The source has no timer, so it holds nothing to release; left undisposed, the queued work may still ask it.
    public void Dispose()
    {
        stop.Cancel();
        fingerprint.Abandon();
    }

    private ControlColumns ColumnsAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, computed.Length);
        if (index >= Volatile.Read(ref taken)) Volatile.Write(ref taken, index + 1);
        return Volatile.Read(ref computed[index]) ?? CatalogueStore.ColumnsOf(Document.Controls[index]);
    }

    private void FillColumns()
    {
        try
        {
            for (var i = 0; i < computed.Length; i++)
            {
                if (stop.IsCancellationRequested) return;
                var next = Volatile.Read(ref taken);
                if (i < next)
                {
                    // The importing thread is past this control, so it computed these itself: carry on after it.
                    i = next - 1;
                    continue;
                }

                Volatile.Write(ref computed[i], CatalogueStore.ColumnsOf(Document.Controls[i]));
            }
        }
#pragma warning disable CA1031 // the importing thread computes the control again, and meets the error where it counts
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private sealed class ColumnList(PreparedContent owner) : IReadOnlyList<ControlColumns>
    {
        public int Count => owner.computed.Length;

        public ControlColumns this[int index] => owner.ColumnsAt(index);

        public IEnumerator<ControlColumns> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
