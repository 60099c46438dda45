using System.Text.RegularExpressions;
using Adhere.Cli.Tests.Infrastructure;
using Adhere.Core.Accounts;
using Adhere.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Adhere.Cli.Tests.Accounts;

public sealed partial class UserCommandsTests
{
    private const string GoodPassword = "Corr3ctHorseBattery";

    [Theory]
    [InlineData("mb-admin")]
    [InlineData("mb-assessor")]
    [InlineData("mb-decision-maker")]
    public async Task Add_MbRoleWithoutOrg_JoinsTheMonitoringBody(string role)
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync(monitoringBody: "Test MB");

        var result = await cli.RunAsync("users", "add", "--email", "staff@mb.example", "--role", role, "--password", GoodPassword);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Added staff@mb.example as {role} of Test MB; the account is active.", result.Out, StringComparison.Ordinal);
        Assert.Matches($@"staff@mb\.example\s+{role}\s+Test MB\s+active", (await cli.SucceedAsync("users", "list")).Out);
    }

    [Theory]
    [InlineData("csp-editor")]
    [InlineData("csp-viewer")]
    public async Task Add_CspRoleWithOrgByName_JoinsTheProvider(string role)
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync(provider: "Nimbus Cloud");

        var result = await cli.RunAsync("users", "add", "--email", "dev@nimbus.example", "--role", role, "--org", "nimbus CLOUD", "--password", GoodPassword);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"dev@nimbus\.example\s+{role}\s+Nimbus Cloud\s+active", (await cli.SucceedAsync("users", "list")).Out);
    }

    [Fact]
    public async Task Add_CspRoleWithOrgById_JoinsTheProvider()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        var created = await cli.SucceedAsync("orgs", "add", "--name", "Stratus Hosting");
        var id = OrganisationId().Match(created.Out).Groups[1].Value;

        var result = await cli.RunAsync("users", "add", "--email", "ops@stratus.example", "--role", "csp-editor", "--org", id, "--password", GoodPassword);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("as csp-editor of Stratus Hosting", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"ops@stratus\.example\s+csp-editor\s+Stratus Hosting\s+active", (await cli.SucceedAsync("users", "list", "--org", id)).Out);
    }

    [Fact]
    public async Task Add_WithPassword_CreatesAnAccountThatSignsInWithIt()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();

        await cli.SucceedAsync("users", "add", "--email", "admin@mb.example", "--role", "mb-admin", "--password", GoodPassword);

        var passwordWorks = await cli.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AdhereUser>>();
            var user = await users.FindByEmailAsync("admin@mb.example");
            return user is not null && await users.CheckPasswordAsync(user, GoodPassword);
        });
        Assert.True(passwordWorks);
    }

    [Fact]
    public async Task Add_WithoutPassword_PrintsAWorkingInvitationSecretAndPath()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        await using var cli = await CliHarness.CreateMigratedAsync(time);
        await cli.SucceedAsync("orgs", "add", "--kind", "mb", "--name", "Test MB");

        var result = await cli.RunAsync("users", "add", "--email", "new@mb.example", "--role", "mb-assessor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Invited new@mb.example as mb-assessor of Test MB.", result.Out, StringComparison.Ordinal);
        Assert.Contains("shown once", result.Out, StringComparison.Ordinal);
        Assert.Contains("valid until 2026-03-09T09:30:00Z", result.Out, StringComparison.Ordinal);
        var secret = Regex.Match(result.Out, @"/account/accept-invitation\?token=([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.Contains($"  {secret}\n", result.Out, StringComparison.Ordinal);
        var invited = await cli.WithServicesAsync(sp => sp.GetRequiredService<AcceptInvitation>().FindPendingAsync(secret, TestContext.Current.CancellationToken));
        Assert.Equal("new@mb.example", invited?.Email);
        Assert.Matches(@"new@mb\.example\s+mb-assessor\s+Test MB\s+invited", (await cli.SucceedAsync("users", "list")).Out);
    }

    [Fact]
    public async Task Add_Succeeds_AuditNamesTheCliAsActor()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();

        await cli.SucceedAsync("users", "add", "--email", "admin@mb.example", "--role", "mb-admin", "--password", GoodPassword);

        var entry = await cli.WithServicesAsync(async sp =>
            (await sp.GetRequiredService<AuditQueries>().SearchAsync(new AuditQueries.Filter(Action: "user.added"), TestContext.Current.CancellationToken)).Entries.Single());
        Assert.Equal(("cli", "adhere CLI"), (entry.ActorId, entry.ActorName));
        Assert.Contains("admin@mb.example", entry.Changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("account.unknown-role", "--email", "x@nimbus.example", "--role", "auditor", "--org", "Nimbus Cloud")]
    [InlineData("account.weak-password", "--email", "x@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud", "--password", "short")]
    [InlineData("account.organisation-required", "--email", "x@nimbus.example", "--role", "csp-editor")]
    [InlineData("account.organisation-kind-mismatch", "--email", "x@nimbus.example", "--role", "csp-viewer", "--org", "Test MB")]
    [InlineData("account.organisation-kind-mismatch", "--email", "x@nimbus.example", "--role", "mb-admin", "--org", "Nimbus Cloud")]
    [InlineData("organisation.not-found", "--email", "x@nimbus.example", "--role", "csp-editor", "--org", "Cumulus")]
    [InlineData("organisation.not-found", "--email", "x@nimbus.example", "--role", "csp-editor", "--org", "6f1c8a9e-0000-4000-8000-000000000000")]
    [InlineData("account.invalid-email", "--email", "not-an-address", "--role", "csp-editor", "--org", "Nimbus Cloud")]
    [InlineData("account.invalid-email", "--email", "Someone <x@nimbus.example>", "--role", "csp-editor", "--org", "Nimbus Cloud")]
    public async Task Add_BadInput_ExitsTwoWithCodeAndCreatesNothing(string code, params string[] options)
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync(monitoringBody: "Test MB", provider: "Nimbus Cloud");
        var before = await cli.CountAsync();

        var result = await cli.RunAsync(["users", "add", .. options]);

        AssertUserError(result, code);
        Assert.Equal(before, await cli.CountAsync());
        Assert.DoesNotContain("x@nimbus.example", (await cli.SucceedAsync("users", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_MbRoleBeforeTheMonitoringBodyExists_ExitsTwoAndCreatesNothing()
    {
        await using var cli = await CliHarness.CreateMigratedAsync();
        await cli.SucceedAsync("orgs", "add", "--name", "Nimbus Cloud");
        var before = await cli.CountAsync();

        var result = await cli.RunAsync("users", "add", "--email", "admin@mb.example", "--role", "mb-admin", "--password", GoodPassword);

        AssertUserError(result, "organisation.monitoring-body-missing");
        Assert.Equal(before, await cli.CountAsync());
    }

    [Theory]
    [InlineData("dup@nimbus.example")]
    [InlineData("DUP@Nimbus.Example")]
    [InlineData(" dup@nimbus.example ")]
    public async Task Add_DuplicateEmail_ExitsTwoAndCreatesNothing(string second)
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", "dup@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud");
        var before = await cli.CountAsync();

        var result = await cli.RunAsync("users", "add", "--email", second, "--role", "csp-viewer", "--org", "Nimbus Cloud", "--password", GoodPassword);

        AssertUserError(result, "account.duplicate-email");
        Assert.Equal(before, await cli.CountAsync());
        var list = (await cli.SucceedAsync("users", "list")).Out;
        Assert.Single(Regex.Matches(list, "dup@nimbus.example", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("csp-viewer", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByOrg_ShowsOnlyThatOrganisationsMembers()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("orgs", "add", "--name", "Stratus Hosting");
        await cli.SucceedAsync("users", "add", "--email", "a@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud");
        await cli.SucceedAsync("users", "add", "--email", "b@stratus.example", "--role", "csp-editor", "--org", "Stratus Hosting");

        var list = await cli.RunAsync("users", "list", "--org", "stratus hosting");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("b@stratus.example", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("a@nimbus.example", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownOrg_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();

        AssertUserError(await cli.RunAsync("users", "list", "--org", "Cumulus"), "organisation.not-found");
    }

    [Fact]
    public async Task List_NoUsers_SaysSo()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();

        Assert.Equal("No users." + Environment.NewLine, (await cli.SucceedAsync("users", "list")).Out);
    }

    [Fact]
    public async Task DisableThenEnable_ActiveUser_StatusFollowsAndIsAudited()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", "dev@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud", "--password", GoodPassword);

        var disabled = await cli.RunAsync("users", "disable", "--email", "DEV@nimbus.example");
        var listWhileDisabled = (await cli.SucceedAsync("users", "list")).Out;
        var enabled = await cli.RunAsync("users", "enable", "--email", "dev@nimbus.example");
        var listAfter = (await cli.SucceedAsync("users", "list")).Out;

        Assert.Equal(0, disabled.ExitCode);
        Assert.Contains("Disabled dev@nimbus.example.", disabled.Out, StringComparison.Ordinal);
        Assert.Matches(@"dev@nimbus\.example\s+csp-editor\s+Nimbus Cloud\s+disabled", listWhileDisabled);
        Assert.Equal(0, enabled.ExitCode);
        Assert.Matches(@"dev@nimbus\.example\s+csp-editor\s+Nimbus Cloud\s+active", listAfter);
        var actions = await cli.WithServicesAsync(async sp =>
            (await sp.GetRequiredService<AuditQueries>().SearchAsync(new AuditQueries.Filter(Action: "user."), TestContext.Current.CancellationToken))
                .Entries.Select(e => (e.Action, e.ActorId)).ToList());
        Assert.Equal([("user.enabled", "cli"), ("user.disabled", "cli"), ("user.added", "cli")], actions);
    }

    [Fact]
    public async Task Disable_AlreadyDisabled_ExitsTwoAndRecordsNothing()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", "dev@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud");
        await cli.SucceedAsync("users", "disable", "--email", "dev@nimbus.example");
        var before = await cli.CountAsync();

        AssertUserError(await cli.RunAsync("users", "disable", "--email", "dev@nimbus.example"), "account.already-disabled");
        Assert.Equal(before, await cli.CountAsync());
    }

    [Fact]
    public async Task Enable_ActiveUser_ExitsTwo()
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();
        await cli.SucceedAsync("users", "add", "--email", "dev@nimbus.example", "--role", "csp-editor", "--org", "Nimbus Cloud");

        AssertUserError(await cli.RunAsync("users", "enable", "--email", "dev@nimbus.example"), "account.already-enabled");
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    public async Task DisableOrEnable_UnknownEmail_ExitsTwo(string verb)
    {
        await using var cli = await CliHarness.CreateWithOrganisationsAsync();

        AssertUserError(await cli.RunAsync("users", verb, "--email", "ghost@nimbus.example"), "account.user-not-found");
    }

    private static void AssertUserError(CliResult result, string code)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith($"({code}){Environment.NewLine}", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [GeneratedRegex(@"Organisation ID: ([0-9a-f-]{36})")]
    private static partial Regex OrganisationId();
}
