using Adhere.Core.Mail;
using Adhere.Core.Persistence;
using Adhere.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Adhere.Web.Tests.Mail;

public sealed class MailDispatcherTests(AdhereAppFactory app) : IClassFixture<AdhereAppFactory>
{
    private Task<Guid> EnqueueAsync(string subject) =>
        app.WithSystemAsync(async sp =>
        {
            sp.GetRequiredService<Outbox>().Enqueue(["someone@example.com", "SOMEONE@example.com", " "], "test", subject, "Hello.");
            var db = sp.GetRequiredService<AdhereDb>();
            await db.SaveChangesAsync();
            return await db.OutboxMessages.Where(m => m.Subject == subject).Select(m => m.Id).SingleAsync();
        });

    private Task<OutboxMessage> ReadAsync(Guid id) =>
        app.WithSystemAsync(sp => sp.GetRequiredService<AdhereDb>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task Pump_QueuedMessage_ArrivesOverSmtpOnceAndIsMarkedSent()
    {
        var subject = $"Queued {Guid.NewGuid():N}";
        var id = await EnqueueAsync(subject);

        var mail = await app.WaitForMailAsync(m => m.Headers["Subject"] == subject);
        await Task.Delay(1500); // a further pump round must not send it again

        Assert.Equal(["someone@example.com"], mail.ToAddresses.Select(a => a.Address));
        Assert.Contains("Hello.", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Single(app.Smtp.ReceivedEmail, m => m.Headers["Subject"] == subject);
        for (var i = 0; i < 50 && (await ReadAsync(id)).SentAt is null; i++) await Task.Delay(100);
        Assert.NotNull((await ReadAsync(id)).SentAt);
    }

    [Fact]
    public async Task Dispatch_ServerUnreachable_KeepsTheMessageAndRetriesLaterThenGivesUp()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        var settings = MailSettings.Disabled with { Host = "127.0.0.1", Port = port, StartTls = "never" };
        // Far ahead of the app clock, so that the pump (on the app clock) never finds this message due while the test runs.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(app.Time.GetUtcNow().AddYears(10));
        var subject = $"Unreachable {Guid.NewGuid():N}";
        var id = await app.WithSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdhereDb>();
            db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid(), To = "x@example.com", Subject = subject, Body = "b", Topic = "test",
                CreatedAt = time.GetUtcNow(), NextAttemptAt = time.GetUtcNow() });
            await db.SaveChangesAsync();
            return await db.OutboxMessages.Where(m => m.Subject == subject).Select(m => m.Id).SingleAsync();
        });

        async Task DispatchAsync() => await app.WithSystemAsync(async sp =>
            await new MailDispatcher(sp.GetRequiredService<AdhereDb>(), settings, time, NullLogger<MailDispatcher>.Instance).DispatchAsync(CancellationToken.None));

        await DispatchAsync();
        var first = await ReadAsync(id);
        await DispatchAsync(); // not due yet: nothing changes
        var unchanged = await ReadAsync(id);
        for (var i = 1; i < OutboxMessage.MaxAttempts; i++)
        {
            time.Advance(TimeSpan.FromDays(1));
            await DispatchAsync();
        }

        var last = await ReadAsync(id);
        Assert.Null(first.SentAt);
        Assert.Equal(1, first.Attempts);
        Assert.NotNull(first.LastError);
        Assert.Equal(time.GetUtcNow().AddDays(-(OutboxMessage.MaxAttempts - 1)).AddMinutes(1), first.NextAttemptAt);
        Assert.Equal(1, unchanged.Attempts);
        Assert.Equal(OutboxMessage.MaxAttempts, last.Attempts);
        Assert.True(last.GaveUp);
        Assert.Null(last.SentAt);
    }
}
