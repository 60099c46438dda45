using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Persistence;
using Adhere.Domain.Declarations.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Tests.Assessments;

public sealed class AssessmentCommandsTests
{
    private static Task<Guid> SubmittedDeclarationAsync(CliHarness cli) => cli.WithServicesAsync(async sp =>
        (await sp.GetRequiredService<AdhereDb>().Declarations.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == DeclarationStatus.Submitted).Select(d => d.Id).FirstAsync()).Value);

    [Fact]
    public async Task Start_AsTheDemoAssessor_OpensTheAssessmentAndShowPrintsIt()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();
        var declaration = await SubmittedDeclarationAsync(cli);

        var started = await cli.SucceedAsync("assessment", "start", declaration.ToString(), "--as", "assessor@mb.demo.example");
        var id = started.Out.Trim();
        var shown = await cli.SucceedAsync("assessment", "show", id);

        Assert.True(Guid.TryParse(id, out _), started.ToString());
        Assert.Contains("Phase: fact-finding (declaration UnderAssessment)", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Fact finding still open:", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Next steps: complete-fact-finding, request-clarification", shown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAndDecide_WithTheWrongPersonOrPhase_AreRefusedWithExitCode2()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();
        var declaration = await SubmittedDeclarationAsync(cli);

        var unknown = await cli.RunAsync("assessment", "start", declaration.ToString(), "--as", "nobody@example.org");
        var decider = await cli.RunAsync("assessment", "start", declaration.ToString(), "--as", "decider@mb.demo.example");
        var id = (await cli.SucceedAsync("assessment", "start", declaration.ToString(), "--as", "assessor@mb.demo.example")).Out.Trim();
        var early = await cli.RunAsync("assessment", "decide", id, "--approve", "--as", "decider@mb.demo.example");
        var both = await cli.RunAsync("assessment", "decide", id, "--approve", "--reject", "--as", "decider@mb.demo.example");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("(account.user-not-found)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, decider.ExitCode);
        Assert.Contains("(assessment.role-not-allowed)", decider.Error, StringComparison.Ordinal);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("(assessment.phase-not-allowed)", early.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("(cli.decision-required)", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_WithASeed_IsReproducibleExplainedAndFreezes()
    {
        await using var cli = await CliHarness.CreateDemoSeededAsync();
        var declaration = await SubmittedDeclarationAsync(cli);
        var id = (await cli.SucceedAsync("assessment", "start", declaration.ToString(), "--as", "assessor@mb.demo.example")).Out.Trim();

        var first = await cli.SucceedAsync("assessment", "select", id, "--seed", "7", "--as", "assessor@mb.demo.example");
        var again = await cli.SucceedAsync("assessment", "select", id, "--seed", "7", "--as", "assessor@mb.demo.example");
        var attention = first.Out.Split('\n').First(l => l.Contains(" attention ", StringComparison.Ordinal)).Trim().Split(' ')[0];
        var refused = await cli.RunAsync("assessment", "select", id, "--remove", $"{attention}=Not needed", "--as", "assessor@mb.demo.example");
        var selected = first.Out.Split('\n').Select(l => l.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var extra = new[] { "5.1.A", "5.1.B", "5.1.C", "5.1.D", "5.3.A", "5.3.B", "5.3.C", "5.5.A", "5.5.B" }.First(k => !selected.Contains(k));
        var frozen = await cli.SucceedAsync("assessment", "select", id, "--add", $"{extra}=Asked about by a customer", "--freeze", "--as", "assessor@mb.demo.example");
        var late = await cli.RunAsync("assessment", "select", id, "--add", "5.1.B=Too late", "--as", "assessor@mb.demo.example");

        Assert.Equal(first.Out, again.Out);
        Assert.Contains("with seed 7", first.Out, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("(selection.removal-breaks-attention)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The selection is frozen.", frozen.Out, StringComparison.Ordinal);
        Assert.Contains($"{extra} ", frozen.Out, StringComparison.Ordinal);
        Assert.Equal(2, late.ExitCode);
        Assert.Contains("(selection.frozen)", late.Error, StringComparison.Ordinal);
    }
}
