using Adhere.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAdhere();

var app = builder.Build();
if (!await app.PrepareDatabaseAsync()) return 2;

app.UseAdhere();
app.MapAdhere();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
