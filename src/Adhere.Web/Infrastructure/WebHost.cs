using Adhere.Core;
using Adhere.Core.Accounts;
using Adhere.Core.Catalogue;
using Adhere.Core.Demo;
using Adhere.Core.Documents;
using Adhere.Core.Persistence;
using Adhere.Core.Tenancy;
using Adhere.Web.Accounts;
using Adhere.Web.Assessments;
using Adhere.Web.Audit;
using Adhere.Web.Catalogue;
using Adhere.Web.Complaints;
using Adhere.Web.Declarations;
using Adhere.Web.Documents;
using Adhere.Web.Health;
using Adhere.Web.Organisations;
using Adhere.Web.Register;
using Adhere.Web.Services;
using Adhere.Web.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Adhere.Web.Infrastructure;

/// <summary>Wires the web host: services, pipeline and endpoints, kept out of Program.cs so that it stays short.</summary>
public static class WebHost
{
    private const string SelectScheme = "Adhere";

    public static WebApplicationBuilder AddAdhere(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // No Server header: it tells a scanner which stack to try, and costs bytes on every answer.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        AddFrontDoor(builder, database);
        services.AddSingleton(builder.Configuration.GetSection("Catalogue").Get<CatalogueSettings>() ?? new CatalogueSettings());
        services.AddSingleton(EvidenceSettings.From(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddSingleton(Adhere.Core.Declarations.DeclarationSettings.From(builder.Configuration));
        services.AddSingleton(Adhere.Core.Mail.MailSettings.From(builder.Configuration));
        services.AddSingleton(Adhere.Core.Assessments.AssessmentSettings.From(builder.Configuration));
        services.AddSingleton(Adhere.Core.Register.RegisterFeedSettings.From(builder.Configuration));
        var publicRateLimit = PublicRateLimitSettings.From(builder.Configuration);
        services.AddPublicRateLimit(publicRateLimit);
        services.AddComplaintRateLimit(ComplaintRateLimit.From(builder.Configuration), publicRateLimit);
        services.AddSingleton(Adhere.Core.Complaints.ComplaintConfiguration.From(builder.Configuration));
        services.AddSingleton(Adhere.Core.Complaints.Measures.ComplaintMeasureSettings.From(builder.Configuration));
        services.AddSingleton<ComplaintFormToken>();
        var signing = Adhere.Core.Reports.Signing.SigningSettings.From(builder.Configuration);
        if (signing.KeyPassword is null && builder.Environment.IsDevelopment())
        {
            signing = Adhere.Web.Reports.DevelopmentSigningPassword.LoadOrCreate(Path.Combine(builder.Environment.ContentRootPath, "data"));
        }

        services.AddSingleton(signing);
        services.AddHostedService<Adhere.Web.Mail.MailPump>();
        services.AddHostedService<Adhere.Web.Monitoring.MonitoringPump>();
        services.AddSingleton(Adhere.Core.Register.RegisterCacheSettings.From(builder.Configuration));
        services.AddHostedService<Adhere.Web.Register.RegisterCachePoller>();
        services.AddAdhereCore(database);

        services.AddHttpContextAccessor();
        services.AddSingleton<PendingUploads>();
        services.AddScoped<IUserClaimsPrincipalFactory<AdhereUser>, AdhereClaimsFactory>();
        services.AddIdentityCore<AdhereUser>().AddSignInManager<AdhereSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero); // disabling takes effect at once

        // Pages sign in with a cookie; /api/v1 accepts only bearer tokens, so the API is not exposed to CSRF.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SelectScheme, "Cookie for pages, token for the API", o =>
                o.ForwardDefaultSelector = c => c.Request.Path.StartsWithSegments("/api")
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(c => c.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "adhere.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            }));
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o => o.Cookie.Name = "adhere.csrf");
        // The public register may be read from any origin; nothing else is shared across origins.
        services.AddCors(o => o.AddPolicy(Adhere.Web.Register.RegisterApi.CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD")
            .WithHeaders("If-None-Match").WithExposedHeaders(Adhere.Web.Register.RegisterCaching.ExposedHeaders)));

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Console", Policies.MbStaff);
            o.Conventions.AuthorizeFolder("/Console/Users", Policies.MbAdmin);
            o.Conventions.AuthorizeFolder("/Console/Audit", Policies.MbAdmin);
            o.Conventions.AuthorizeFolder("/Console/Catalogues", Policies.MbAdmin);
            // Every MB member reads declarations and reviews certificate change notices.
            o.Conventions.AuthorizeFolder("/Console/Declarations", Policies.MbStaff);
            o.Conventions.AuthorizeFolder("/Portal", Policies.CspMember);
            o.Conventions.AuthorizePage("/Account/Tokens");
            // The public register's pages and the report check share the public surfaces' per-client limit.
            o.Conventions.AddFolderApplicationModelConvention("/Register", p => p.EndpointMetadata.Add(new EnableRateLimitingAttribute(RegisterApi.RateLimitPolicy)));
            // Filing a complaint has its own, stricter limit for POSTs; looking up a status shares the public one.
            o.Conventions.AddPageApplicationModelConvention("/Complaints/New", p => p.EndpointMetadata.Add(new EnableRateLimitingAttribute(ComplaintRateLimit.Policy)));
            o.Conventions.AddPageApplicationModelConvention("/Complaints/Answer", p => p.EndpointMetadata.Add(new EnableRateLimitingAttribute(ComplaintRateLimit.Policy)));
            o.Conventions.AddPageApplicationModelConvention("/Complaints/Status", p => p.EndpointMetadata.Add(new EnableRateLimitingAttribute(RegisterApi.RateLimitPolicy)));
            o.Conventions.AddPageApplicationModelConvention("/Reports/Verify", p => p.EndpointMetadata.Add(new EnableRateLimitingAttribute(RegisterApi.RateLimitPolicy)));
        });
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Adhere.Domain.Common.EntityIdJsonConverter());
        });
        // Unreadable bodies and parameters answer 400 in every environment; the status page adds the errorCode.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddExceptionHandler<UnexpectedErrorHandler>();
        services.AddOpenApi(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            // Typed IDs travel as bare GUID strings (EntityIdJsonConverter); describe them so.
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsValueType && typeof(Adhere.Domain.Common.IEntityId).IsAssignableFrom(type))
            {
                schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                schema.Format = "uuid";
                schema.Properties?.Clear();
                schema.Required?.Clear();
            }

            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// Puts the front door (ADR 0032) in front of Kestrel, and with <c>Http:SocketThreadAnswers</c> lets Kestrel run
    /// requests on its socket threads, which the front door leaves at once for everything but its own answers. The
    /// test server replaces Kestrel afterwards and goes without both.
    /// </summary>
    private static void AddFrontDoor(WebApplicationBuilder builder, DatabaseSettings database)
    {
        var mode = FrontDoorMode.From(builder.Configuration, database);
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton<IFrontDoorAnswer, RegisterFrontDoorAnswer>();
        if (!FrontDoorServer.Decorate(builder.Services) || !mode.InlineSocketCompletions) return;
        // Both are read once, when the process opens its first socket; nothing has opened one yet. An operator's own
        // values win (the mode is off when the operator turned inline completions off). The socket threads now run only
        // the door's answers and the socket I/O: half the cores for them leaves the rest to the pool, and on a small
        // machine one thread does not compete with another for the CPU.
        SetUnlessSet(FrontDoorMode.InlineCompletionsVariable, "1");
        SetUnlessSet("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", mode.SocketThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
    }

    private static void SetUnlessSet(string variable, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable))) Environment.SetEnvironmentVariable(variable, value);
    }

    /// <summary>
    /// Migrates in Development (and seeds the demo into an empty database); elsewhere refuses to start on an
    /// unmigrated database and names the command that fixes it.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem("system", "web host start-up");
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Adhere.Startup");

        if (!app.Environment.IsDevelopment())
        {
            var pending = await migrator.PendingAsync(CancellationToken.None);
            if (pending.Count == 0) return true;
            var names = string.Join(", ", pending);
            logger.LogCritical(
                "The database has {Count} pending migration(s) ({Migrations}). Run 'adhere db migrate' with the same settings, then start again.",
                pending.Count, names);
            return false;
        }

        var applied = await migrator.MigrateAsync(CancellationToken.None);
        if (applied.Count > 0)
        {
            var names = string.Join(", ", applied);
            logger.LogInformation("Applied migrations: {Migrations}", names);
        }

        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (app.Configuration.GetValue("Demo:SeedOnFirstStart", true) && await seeder.IsEmptyAsync(CancellationToken.None))
        {
            var seeded = await seeder.SeedAsync(null, CancellationToken.None);
            if (seeded.IsError) throw new InvalidOperationException($"Demo seeding failed: {seeded.Error!.Message}");
            DemoBanner.Print(Console.Out, seeded.Value);
        }

        return true;
    }

    public static WebApplication UseAdhere(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler("/error");
        // HSTS before the fast path, so that its answers carry the header over HTTPS as every other answer does.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<Adhere.Web.Register.RegisterFastPath>();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(StatusPages.WriteProblemAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAdhere(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        Reports.SigningKeysApi.MapSigningKeysEndpoint(app);
        Reports.PublicReportsEndpoints.MapPublicReports(app);
        Register.TransparencyLogEndpoint.MapTransparencyLog(app);
        app.MapRegisterFeed();
        Register.ComplianceMarkEndpoints.MapComplianceMark(app);
        app.MapOpenApi("/openapi/{documentName}.json");

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapAccountsApi();
        api.MapOrganisationsApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapCatalogueApi();
        api.MapServicesApi();
        api.MapDocumentsApi();
        api.MapDeclarationsApi();
        api.MapClarificationRepliesApi();
        api.MapConflictsApi();
        api.MapAssessmentsApi();
        Adhere.Web.Reports.ReportsApi.MapReportsApi(api);
        Adhere.Web.Reports.OscalResultsApi.MapOscalResultsApi(api);
        api.MapSelectionApi();
        api.MapWorkQueueApi();
        Adhere.Web.Register.RegisterApi.MapRegisterApi(api);
        api.MapComplaintsApi();
        api.MapComplaintCasesApi();
        api.MapComplaintMeasuresApi();
        api.MapComplaintQuestionsApi();
        api.MapComplaintSummaryApi();
        api.MapComplaintHandlingApi();

        app.MapRazorPages();
        return app;
    }
}

/// <summary>Prints the demo sign-in details once, when the demo is seeded.</summary>
public static class DemoBanner
{
    public static void Print(TextWriter output, IReadOnlyList<DemoSeeder.DemoUser> users)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(users);
        output.WriteLine();
        output.WriteLine("=== Adhere demo: sign-in details (shown only now; store them if you need them) ===");
        foreach (var u in users) output.WriteLine($"  {u.Email,-30} {u.Password,-18} {u.Role,-18} {u.Organisation}");
        output.WriteLine("=== Sign in at /account/signin ===");
        output.WriteLine();
    }
}

/// <summary>Empty error responses on the API become ProblemDetails with an errorCode.</summary>
public static class StatusPages
{
    public static async Task WriteProblemAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (code, detail) = status switch
        {
            400 => ("request.malformed", "The request could not be read: check the JSON body and the format of each parameter."),
            404 => ("not-found", "There is no such resource."),
            405 => ("method-not-allowed", "This resource does not support the HTTP method."),
            413 => ("request.too-large", "The request body is larger than the server accepts."),
            415 => ("unsupported-media-type", "Send the body as application/json."),
            _ => ($"http-{status}", $"The request failed with status {status}."),
        };
        await Results.Problem(ErrorHttp.Describe(code, detail, status)).ExecuteAsync(http);
    }
}
