namespace Adhere.Cli;

// A named class rather than top-level statements: the web project's public Program (for WebApplicationFactory) must
// stay the only global Program now that the CLI references it, and ASP.NET makes a top-level Program public.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the running command to stop; its transaction rolls back.
            e.Cancel = true;
            cancel.Cancel();
        };

        return await AdhereCli.RunAsync(args, Console.Out, Console.Error, ct: cancel.Token);
    }
}
