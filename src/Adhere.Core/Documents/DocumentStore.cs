using System.Security.Cryptography;

namespace Adhere.Core.Documents;

/// <summary>
/// Keeps evidence bytes content-addressed: <c>&lt;storage&gt;/&lt;first two hex digits&gt;/&lt;sha256&gt;</c>. Identical
/// content is stored once. Files arrive in a temporary file in the same folder tree and are moved into place, so a
/// reader never sees a half-written file and a failed upload leaves nothing behind.
/// </summary>
public sealed class DocumentStore(EvidenceSettings settings)
{
    /// <summary>A file being received; disposing it without <see cref="CommitAsync"/> deletes it.</summary>
    public sealed class Incoming : IAsyncDisposable
    {
        internal Incoming(string path, long length, string sha256, byte[] head)
        {
            TempPath = path;
            Length = length;
            Sha256 = sha256;
            Head = head;
        }

        internal string TempPath { get; }

        /// <summary>The bytes read, at most the limit plus one.</summary>
        public long Length { get; }

        public string Sha256 { get; }

        /// <summary>The first <see cref="Domain.Declarations.Documents.FileSniffer.HeadLength"/> bytes, for sniffing.</summary>
        public byte[] Head { get; }

        public ValueTask DisposeAsync()
        {
            File.Delete(TempPath);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> + 1 bytes into a temporary file, hashing and keeping the head on the way.</summary>
    public async Task<Incoming> ReceiveAsync(Stream content, long limit, int headLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = Path.Combine(settings.StoragePath, "tmp");
        Directory.CreateDirectory(temp);
        var path = Path.Combine(temp, $"{Guid.NewGuid():N}.part");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new MemoryStream();
            long total = 0;
            var buffer = new byte[81920];
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                while (total <= limit)
                {
                    var want = (int)Math.Min(buffer.Length, limit + 1 - total);
                    var read = await content.ReadAsync(buffer.AsMemory(0, want), ct);
                    if (read == 0) break;
                    hash.AppendData(buffer, 0, read);
                    if (head.Length < headLength) head.Write(buffer, 0, (int)Math.Min(read, headLength - head.Length));
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    total += read;
                }
            }

            return new Incoming(path, total, Convert.ToHexStringLower(hash.GetHashAndReset()), head.ToArray());
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Moves the received file to its content address; when that content is already stored, drops the copy.</summary>
    public Task CommitAsync(Incoming incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var target = PathOf(incoming.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(incoming.TempPath);
            return Task.CompletedTask;
        }

        try
        {
            File.Move(incoming.TempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same content won the race; its file is the same bytes.
            File.Delete(incoming.TempPath);
        }

        return Task.CompletedTask;
    }

    /// <summary>Opens stored content for reading, or null when the file is missing.</summary>
    public Stream? Open(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    /// <summary>Where content with <paramref name="sha256"/> lives; the hash is validated so it can never form another path.</summary>
    public string PathOf(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("Not a lower-case SHA-256.", nameof(sha256));
        return Path.Combine(settings.StoragePath, sha256[..2], sha256);
    }
}
