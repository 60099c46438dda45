using Adhere.Core.Documents;
using Adhere.Domain.Common;
using Adhere.Domain.Complaints;
using Adhere.Domain.Declarations.Documents;

namespace Adhere.Core.Complaints.Investigation;

/// <summary>A file sent with a question, an answer or a note, as uploaded.</summary>
public sealed record InvestigationUpload(string? FileName, Stream Content);

/// <summary>
/// Receives the files of a question, answer or note under the evidence rules (safe name, size limit, not empty, sniffed
/// allowed type) before anything is written; the batch then goes into the store just before the rows are saved.
/// </summary>
public sealed class InvestigationUploads(DocumentStore store, EvidenceSettings evidence)
{
    /// <summary>Checked files waiting for the save; disposing the batch removes those not committed.</summary>
    public sealed class Batch : IAsyncDisposable
    {
        internal List<(DocumentStore.Incoming File, string Name, string Type)> Files { get; } = [];

        public int Count => Files.Count;

        public async ValueTask DisposeAsync()
        {
            foreach (var (file, _, _) in Files) await file.DisposeAsync();
        }
    }

    public async Task<Result<Batch>> ReceiveAsync(IReadOnlyList<InvestigationUpload>? uploads, CancellationToken ct)
    {
        uploads ??= [];
        if (uploads.Count > ComplaintQuestion.MaxFiles) return ComplaintQuestionErrors.TooManyFiles();
        var batch = new Batch();
        foreach (var upload in uploads)
        {
            var name = EvidenceDocument.CheckFileName(upload.FileName);
            if (name.IsError) return await FailAsync(batch, name.Error!);
            var incoming = await store.ReceiveAsync(upload.Content, evidence.MaxUploadBytes, FileSniffer.HeadLength, ct);
            Error? error = incoming.Length == 0 ? DocumentErrors.Empty()
                : incoming.Length > evidence.MaxUploadBytes ? DocumentErrors.TooLarge(evidence.MaxUploadBytes)
                : null;
            var type = error is null ? FileSniffer.Check(incoming.Head, name.Value) : default;
            error ??= type.Error;
            if (error is not null)
            {
                await incoming.DisposeAsync();
                return await FailAsync(batch, error);
            }

            batch.Files.Add((incoming, name.Value, type.Value.ContentType));
        }

        return batch;
    }

    /// <summary>Moves the batch's files into the store; call just before saving the rows that point at them.</summary>
    public async Task CommitAsync(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var (file, _, _) in batch.Files) await store.CommitAsync(file);
    }

    /// <summary>The rows for the batch's files, made by <paramref name="create"/> from name, type, length and hash.</summary>
    public static List<InvestigationFile> Rows(Batch batch, Func<string, string, long, string, Result<InvestigationFile>> create)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(create);
        // The names were checked on receipt, so creating the rows cannot fail.
        return [.. batch.Files.Select(f => create(f.Name, f.Type, f.File.Length, f.File.Sha256).Value)];
    }

    private static async Task<Result<Batch>> FailAsync(Batch batch, Error error)
    {
        await batch.DisposeAsync();
        return error;
    }
}
