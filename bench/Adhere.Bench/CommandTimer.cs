using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Adhere.Bench;

/// <summary>
/// Counts the database commands EF Core executes and sums the time it reports for each, from its diagnostic events:
/// no change to the product or its service registrations.
/// </summary>
internal sealed class CommandTimer : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();
    private readonly IDisposable listeners;
    private long ticks;
    private int count;

    public CommandTimer() => listeners = DiagnosticListener.AllListeners.Subscribe(this);

    public (TimeSpan Elapsed, int Count) Read()
    {
        lock (gate) return (TimeSpan.FromTicks(ticks), count);
    }

    public void Dispose()
    {
        listeners.Dispose();
        lock (gate)
        {
            foreach (var subscription in subscriptions) subscription.Dispose();
            subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name != DbLoggerCategory.Name) return;
        var subscription = value.Subscribe(this, name =>
            name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.CommandError.Name);
        lock (gate) subscriptions.Add(subscription);
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not CommandEndEventData data) return;
        lock (gate)
        {
            ticks += data.Duration.Ticks;
            count++;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
