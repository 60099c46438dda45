using System.CommandLine;
using Adhere.Core.Persistence;
using Adhere.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Adhere.Cli.Infrastructure;

/// <summary>One invocation of a command: its parsed options, a DI scope acting as the CLI, and the writers.</summary>
public sealed class CommandRun(ParseResult parse, IServiceProvider services, DatabaseSettings database, TextWriter stdout, TextWriter stderr, CancellationToken ct)
{
    public DatabaseSettings Database { get; } = database;

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
}
