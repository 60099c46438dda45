using System.Globalization;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Complaints;

public sealed class ComplaintCommandsTests
{
    private const string Assessor = "assessor@mb.example";
    private const string Decider = "decider@mb.example";

    // The Monitoring Body with an assessor and a decision maker: enough for complaints, and far quicker than the demo seed.
    private static async Task<CliHarness> CreateAsync()
    {
        var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", Assessor, "--role", "mb-assessor", "--password", "Str0ngEnoughPass");
        await cli.SucceedAsync("users", "add", "--email", Decider, "--role", "mb-decision-maker", "--password", "Str0ngEnoughPass");
        return cli;
    }

    private static Task<string> FileAsync(CliHarness cli, string? email = "cli-complainant@example.org") => cli.WithServicesAsync(async sp =>
    {
        var filed = await sp.GetRequiredService<SubmitComplaint>().HandleAsync(
            new(null, "Typed Cloud Ltd", "Typed Storage", "customer", null, email, false, "Our data stayed in the service after we left it."),
            CancellationToken.None);
        Assert.False(filed.IsError, filed.Error?.Message);
        return filed.Value.Reference;
    });

    [Fact]
    public async Task StepShowAndList_ThroughToADecision_PrintTheCase()
    {
        await using var cli = await CreateAsync();
        var reference = await FileAsync(cli);

        var listed = await cli.SucceedAsync("complaint", "list");
        var started = await cli.SucceedAsync("complaint", "step", reference, "start-admissibility-check", "--as", Assessor);
        await cli.SucceedAsync("complaint", "step", reference, "admit", "--as", Assessor);
        var decided = await cli.SucceedAsync("complaint", "step", reference, "decide", "--finding", "unfounded", "--reasons", "The data was deleted in time.", "--as", Decider);
        var shown = await cli.SucceedAsync("complaint", "show", reference);
        await cli.SucceedAsync("complaint", "step", reference, "close", "--as", Assessor);
        var open = await cli.SucceedAsync("complaint", "list", "--status", "open");
        var closed = await cli.SucceedAsync("complaint", "list", "--status", "closed");

        Assert.Contains(reference, listed.Out, StringComparison.Ordinal);
        Assert.Equal($"{reference}: admissibility-check", started.Out.Trim());
        Assert.Equal($"{reference}: decided", decided.Out.Trim());
        Assert.Contains("Status: decided", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Finding: unfounded", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Complainant: (no name) <cli-complainant@example.org> (customer)", shown.Out, StringComparison.Ordinal);
        Assert.Contains("complaint.decide", shown.Out, StringComparison.Ordinal);
        Assert.Contains("The data was deleted in time.", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Next steps: close, appeal", shown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, open.Out, StringComparison.Ordinal);
        Assert.Contains(reference, closed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_RefusedOrMistyped_ExitsWith2AndNamesTheError()
    {
        await using var cli = await CreateAsync();
        var reference = await FileAsync(cli);

        var unknownStep = await cli.RunAsync("complaint", "step", reference, "escalate", "--as", Decider);
        var wrongRole = await cli.RunAsync("complaint", "step", reference, "dismiss", "--ground", "outside-scope", "--reasons", "No.", "--as", Assessor);
        var tooEarly = await cli.RunAsync("complaint", "step", reference, "decide", "--finding", "founded", "--as", Decider);
        var badGround = await cli.RunAsync("complaint", "step", reference, "dismiss", "--ground", "boring", "--reasons", "No.", "--as", Decider);
        var missing = await cli.RunAsync("complaint", "show", "C-1999-000001");
        var shown = await cli.SucceedAsync("complaint", "show", reference);

        Assert.Equal(2, unknownStep.ExitCode);
        Assert.Contains("(complaint.trigger-invalid)", unknownStep.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrongRole.ExitCode);
        Assert.Contains("(complaint.role-not-allowed)", wrongRole.Error, StringComparison.Ordinal);
        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("(complaint.transition-not-allowed)", tooEarly.Error, StringComparison.Ordinal);
        Assert.Equal(2, badGround.ExitCode);
        Assert.Contains("(complaint.dismissal-reason-invalid)", badGround.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("(complaint.not-found)", missing.Error, StringComparison.Ordinal);
        Assert.Contains("Status: received", shown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_TextCsvAndFile_AgreeOnTheFigures()
    {
        await using var cli = await CreateAsync();
        var reference = await FileAsync(cli, email: null);
        await cli.SucceedAsync("complaint", "step", reference, "start-admissibility-check", "--as", Assessor);
        var year = await cli.WithServicesAsync(sp => Task.FromResult(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Year.ToString(CultureInfo.InvariantCulture)));
        var expected = await cli.WithServicesAsync(async sp => (await sp.GetRequiredService<ComplaintYearSummary>().HandleAsync(year, CancellationToken.None)).Value);
        var file = Path.Combine(Path.GetTempPath(), $"adhere-summary-{Guid.NewGuid():N}.csv");

        try
        {
            var text = await cli.SucceedAsync("complaint", "summary", year);
            var csv = await cli.SucceedAsync("complaint", "summary", year, "--csv");
            var written = await cli.SucceedAsync("complaint", "summary", year, "-o", file);
            var bad = await cli.RunAsync("complaint", "summary", "1850");

            Assert.Matches($@"(?m)^Received\s+{expected.Received}\s*$", text.Out);
            Assert.Contains($"{year},received,,{expected.Received}\n", csv.Out, StringComparison.Ordinal);
            Assert.Contains($"{year},received-by-role,customer,", csv.Out, StringComparison.Ordinal);
            Assert.Equal(csv.Out.Split('\n').Skip(2), (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Split('\n').Skip(2));
            Assert.Contains(file, written.Out, StringComparison.Ordinal);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("(complaint.summary-year-invalid)", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
