using System.Text.Json;
using System.Text.Json.Nodes;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Register;

namespace Adhere.Cli.Tests.Register;

public sealed class RegisterCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("adhere-tlog-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task VerifyLog_IntactFile_PrintsCountAndHeadAndExitsZero()
    {
        var entries = Chain(3);
        var file = Write("log.json", entries);
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-log", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"3 entries, chain intact, head {entries[^1].Hash}@3", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLog_RewrittenEntry_ExitsFiveNamingIt()
    {
        var document = JsonNode.Parse(File.ReadAllText(Write("log.json", Chain(3))))!;
        document["entries"]![1]!["level"] = 3;
        var file = Path.Combine(directory, "rewritten.json");
        File.WriteAllText(file, document.ToJsonString());
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-log", file);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Transparency log BROKEN at entry #2: entry #2 was rewritten", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLog_TruncatedComparedWithAnEarlierHead_ExitsFive()
    {
        var entries = Chain(4);
        var file = Write("truncated.json", entries.Take(2));
        await using var cli = await CliHarness.CreateAsync();

        var withoutHead = await cli.RunAsync("register", "verify-log", file);
        var withHead = await cli.RunAsync("register", "verify-log", file, "--head", $"{entries[3].Hash}@4");
        var withReachedHead = await cli.RunAsync("register", "verify-log", file, "--head", $"{entries[1].Hash}@2");

        Assert.Equal(0, withoutHead.ExitCode); // a shorter chain is consistent in itself
        Assert.Equal(5, withHead.ExitCode);
        Assert.Contains("the log has shrunk: it ends at entry #2 but entry #4 was seen earlier", withHead.Out, StringComparison.Ordinal);
        Assert.Equal(0, withReachedHead.ExitCode);
    }

    [Fact]
    public async Task VerifyLog_HistoryReplacedWithFreshHashes_FailsAgainstTheEarlierHead()
    {
        var original = Chain(3);
        var forged = Chain(3, company: "Forged Ltd");
        var file = Write("forged.json", forged);
        await using var cli = await CliHarness.CreateAsync();

        var result = await cli.RunAsync("register", "verify-log", file, "--head", $"{original[1].Hash}@2");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("entry #2 is not the head seen earlier", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLog_MalformedHeadOrFile_ExitsTwo()
    {
        var file = Path.Combine(directory, "not-a-log.json");
        File.WriteAllText(file, "{\"hello\":1}");
        await using var cli = await CliHarness.CreateAsync();

        var badHead = await cli.RunAsync("register", "verify-log", file, "--head", "abc@2");
        var badFile = await cli.RunAsync("register", "verify-log", file);

        Assert.Equal(2, badHead.ExitCode);
        Assert.Contains("cli.head-invalid", badHead.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFile.ExitCode);
        Assert.Contains("cli.log-malformed", badFile.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeHash_DocumentedExample_MatchesTheHashAnyJsonLibraryGives()
    {
        // The example of docs/formats/transparency-log.md, hashed with Python's json.dumps(sort_keys=True, separators=(",", ":")).
        var entry = new TransparencyLogRecord(1, "2026-03-02T09:30:00.123456Z", "listed", "2026LVL02ADHERE002", null, "Nimbus Cloud GmbH", 2,
            "2027-03-01", TransparencyLogHashing.GenesisHash, string.Empty);

        Assert.Equal("0ad4d2cfaf0d1201f07fe4c847a2b1a2afc97e8536689d78625d494d5ba158aa", TransparencyLogHashing.ComputeHash(entry));
    }

    /// <summary>A valid log of <paramref name="count"/> entries, hashed as the server hashes them.</summary>
    private static List<TransparencyLogRecord> Chain(int count, string company = "Nimbus Cloud \"Ä\" GmbH")
    {
        var entries = new List<TransparencyLogRecord>();
        var previous = TransparencyLogHashing.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var unhashed = new TransparencyLogRecord(i, $"2026-03-0{i}T09:30:00.123456Z", i == 1 ? "listed" : "renewed", "2026LVL02ADHERE002", null,
                company, 2, "2027-03-01", previous, string.Empty);
            var entry = unhashed with { Hash = TransparencyLogHashing.ComputeHash(unhashed) };
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private string Write(string name, IEnumerable<TransparencyLogRecord> entries)
    {
        var path = Path.Combine(directory, name);
        using (var stream = File.Create(path))
        using (var writer = new Utf8JsonWriter(stream))
        {
            TransparencyLogDocument.Write(writer, entries);
        }

        return path;
    }
}
