using Adhere.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the running command to stop; its transaction rolls back.
    e.Cancel = true;
    cancel.Cancel();
};

return await AdhereCli.RunAsync(args, Console.Out, Console.Error, ct: cancel.Token);
