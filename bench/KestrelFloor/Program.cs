// The floor for the register benchmark: Kestrel with nothing in front of the answer. It serves one file's bytes at
// every path, with the content type given, as nginx does in the same run; the gap between it and the app is what
// the app's own request path costs, the gap between it and nginx is Kestrel's.
//
//   KestrelFloor FILE CONTENT-TYPE URL
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("Usage: KestrelFloor FILE CONTENT-TYPE URL");
    return 2;
}

var body = await File.ReadAllBytesAsync(args[0]);
var contentType = args[1];
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
await using var app = builder.Build();
app.Run(context =>
{
    var response = context.Response;
    response.StatusCode = StatusCodes.Status200OK;
    response.ContentType = contentType;
    response.ContentLength = body.Length;
    return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
});
await app.RunAsync(args[2]);
return 0;
