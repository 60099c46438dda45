using System.CommandLine;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Domain.Accounts;
using Adhere.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Adhere.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Infrastructure;

/// <summary>One invocation of a command: its parsed options, a DI scope acting as the CLI, and the writers.</summary>
public sealed class CommandRun(ParseResult parse, IServiceProvider services, DatabaseSettings database, TextWriter stdout, TextWriter stderr, CancellationToken ct,
    Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
{
    public DatabaseSettings Database { get; } = database;

    /// <summary>The configuration the command was started with (environment, overrides, global options).</summary>
    public Microsoft.Extensions.Configuration.IConfiguration Configuration { get; } =
        configuration ?? new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public CancellationToken Ct { get; } = ct;

    public T? Value<T>(Option<T> option) => parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => parse.GetValue(argument);

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Reports a use case's expected failure: <c>error: message (code)</c>, exit code 2.</summary>
    public async Task<int> FailAsync(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        await Error.WriteLineAsync($"error: {error.Message} ({error.Code})");
        return ExitCodes.UserError;
    }

    /// <summary>
    /// Acts as the active user with <paramref name="email"/> instead of the system, for steps that need a person (an
    /// assessor, a decision maker): their role and organisation then apply exactly as on the web.
    /// </summary>
    public async Task<Result<Done>> ActAsAsync(string? email)
    {
        var db = Get<AdhereDb>();
        var normalized = (email ?? string.Empty).Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DisabledAt == null, Ct);
        if (user is null) return new NotFoundError("account.user-not-found", $"No active user '{email}' was found (give --as the e-mail of an active user).");
        var roleIds = await db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync(Ct);
        var roles = Role.All.Where(r => roleIds.Contains(RoleIds.For(r))).Select(r => r.Name).ToList();
        var kind = await db.Organisations.AsNoTracking().Where(o => o.Id == user.OrganisationId).Select(o => o.Kind).FirstAsync(Ct);
        Get<Caller>().ActAsUser(user.UserId, user.Email ?? normalized, user.OrganisationId, kind == OrganisationKind.MonitoringBody, roles);
        return Done.Value;
    }
}
