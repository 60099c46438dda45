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
        await using var cli = await CliHarness.CreateAsync();
        await cli.SucceedAsync("demo", "seed");
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
        await using var cli = await CliHarness.CreateAsync();
        await cli.SucceedAsync("demo", "seed");
        var declaration = await SubmittedDeclarationAsync(cli);

        var unknown = await cli.RunAsync("assessment", "start", declaration.ToString(), "--as", "nobody@example.org");
        var decider = await cli.RunAsync("assessment", "start", declaration.ToString(), "--as", "decider@mb.demo.example");
        var id = (await cli.SucceedAsync("assessment", "start", declaration.ToString(), "--as", "assessor@mb.demo.example")).Out.Trim();
        var early = await cli.RunAsync("assessment", "decide", id, "--approve", "--as", "decider@mb.demo.example");
        var both = await cli.RunAsync("assessment", "decide", id, "--approve", "--reject", "--as", "decider@mb.demo.example");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("(user.not-found)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, decider.ExitCode);
        Assert.Contains("(assessment.role-not-allowed)", decider.Error, StringComparison.Ordinal);
        Assert.Equal(2, early.ExitCode);
        Assert.Contains("(assessment.phase-not-allowed)", early.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("(cli.decision-required)", both.Error, StringComparison.Ordinal);
    }
}
