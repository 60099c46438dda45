using System.CommandLine;
using Adhere.Cli.Infrastructure;
using Adhere.Cli.Organisations;
using Adhere.Core.Accounts;
using Adhere.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Adhere.Cli.Accounts;

/// <summary><c>adhere users add|list|disable|enable</c>.</summary>
public static class UserCommands
{
    /// <summary>The page that turns an invitation secret into a password; the web host serves it.</summary>
    public const string AcceptInvitationPath = "/account/accept-invitation";

    /// <summary>How many users <see cref="UserQueries.ListAsync"/> returns at most (its <c>Take(500)</c>).</summary>
    private const int MaxListed = 500;

    private const string ExitCodesHelp = "Exit codes: 0 done, 2 invalid input (nothing is changed), 1 failure.";

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("users", "Manages user accounts.")
        {
            Add(cli),
            List(cli),
            SetDisabled(cli, disable: true),
            SetDisabled(cli, disable: false),
        };
    }

    private static Command Add(CliContext cli)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address, which is also the sign-in name.", Required = true };
        var role = new Option<string>("--role")
        {
            Description = $"One of {string.Join(", ", Role.All.Select(r => r.Name))}.",
            Required = true,
        };
        var org = new Option<string>("--org")
        {
            Description = "Organisation name or ID; required for CSP roles, the Monitoring Body when omitted for MB roles.",
        };
        var password = new Option<string>("--password")
        {
            Description = "Creates an active account with this password (visible to other local users while the command runs). " +
                "Without it the user is invited: a one-time secret is printed.",
        };
        var command = new Command("add", "Adds a user with one role, as an active account or an invitation. " + ExitCodesHelp)
        {
            email, role, org, password,
        };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var added = await run.Get<AddUser>().HandleAsync(
                new AddUser.Command(run.Value(email) ?? "", run.Value(role) ?? "", run.Value(org), run.Value(password)), run.Ct);
            if (added.IsError) return await run.FailAsync(added.Error!);
            await WriteCreatedAsync(run.Out, added.Value);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteCreatedAsync(TextWriter output, AddUser.Created user)
    {
        if (user.InvitationSecret is not { } secret)
        {
            await output.WriteLineAsync($"Added {user.Email} as {user.Role} of {user.OrganisationName}; the account is active.");
            await output.WriteLineAsync($"User ID: {user.Id}");
            return;
        }

        await output.WriteLineAsync($"Invited {user.Email} as {user.Role} of {user.OrganisationName}.");
        await output.WriteLineAsync($"User ID: {user.Id}");
        var until = user.InvitationExpiresAt is { } expires ? $", valid until {TextTable.Instant(expires)}" : "";
        await output.WriteLineAsync($"Invitation secret (shown once, only its hash is stored{until}):");
        await output.WriteLineAsync($"  {secret}");
        await output.WriteLineAsync("Send the user this path on the Adhere web site to choose a password:");
        await output.WriteLineAsync($"  {AcceptInvitationPath}?token={Uri.EscapeDataString(secret)}");
    }

    private static Command List(CliContext cli)
    {
        var org = new Option<string>("--org") { Description = "Only the members of this organisation (name or ID)." };
        var command = new Command("list", "Lists users with their role, organisation and status. " + ExitCodesHelp) { org };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            Guid? organisationId = null;
            if (run.Value(org) is { } reference)
            {
                var found = await OrganisationCommands.FindAsync(run, reference);
                if (found.IsError) return await run.FailAsync(found.Error!);
                organisationId = found.Value.Id;
            }

            var users = await run.Get<UserQueries>().ListAsync(new UserQueries.Filter(organisationId), run.Ct);
            if (users.Count == 0)
            {
                await run.Out.WriteLineAsync("No users.");
                return ExitCodes.Success;
            }

            await TextTable.WriteAsync(run.Out, ["EMAIL", "ROLE", "ORGANISATION", "STATUS", "CREATED"],
                users.Select(u => (IReadOnlyList<string>)[u.Email, u.Role, u.OrganisationName, u.Status, TextTable.Instant(u.CreatedAt)]));
            if (users.Count >= MaxListed)
            {
                await run.Out.WriteLineAsync($"Only the first {TextTable.Number(MaxListed)} users are shown; narrow the list with --org.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetDisabled(CliContext cli, bool disable)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address.", Required = true };
        var command = disable
            ? new Command("disable", "Disables an account: sign-in, open sessions and API tokens stop working. " + ExitCodesHelp) { email }
            : new Command("enable", "Re-enables a disabled account and clears any sign-in lockout. " + ExitCodesHelp) { email };
        cli.SetAction(command, DatabaseRequirement.Migrated, async run =>
        {
            var address = run.Value(email)?.Trim() ?? "";
            var user = await run.Get<UserManager<AdhereUser>>().FindByEmailAsync(address);
            if (user is null) return await run.FailAsync(AccountErrors.UserNotFound(address));

            var done = disable
                ? await run.Get<DisableUser>().HandleAsync(user.UserId, run.Ct)
                : await run.Get<EnableUser>().HandleAsync(user.UserId, run.Ct);
            if (done.IsError) return await run.FailAsync(done.Error!);
            await run.Out.WriteLineAsync($"{(disable ? "Disabled" : "Enabled")} {user.Email}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
