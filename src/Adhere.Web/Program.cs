using Adhere.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAdhere();

// Disposed on every way out: disposing flushes the console logger's queue, so the reason for a refusal (exit code 2) is
// printed before the process ends (the queue is written by a background thread).
await using var app = builder.Build();
if (!await app.PrepareDatabaseAsync()) return 2;

app.UseAdhere();
app.MapAdhere();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
