using Herald.Application;
using Herald.Application.Alerts;
using Herald.Application.Runs;
using Herald.Application.Schedules;
using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Alerts;
using Herald.Server.Api;
using Herald.Server.Health;
using Herald.Server.Runs;
using Herald.Server.Security;
using Herald.Server.Telemetry;
using Herald.Server.Web;
using Herald.Snowflake;
using Herald.Snowflake.Bridges;
using Herald.Sources.DuckDb;
using Herald.Sources.DuckDb.InsiderTables;
using Herald.Storage.Files;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Herald.Server.Hosting;

/// <summary>How the parts are put together: the one place that knows every implementation.</summary>
internal static class HeraldApplication
{
    public static void ConfigureServices(WebApplicationBuilder builder, TimeProvider clock)
    {
        // Request and client logs carry URLs, and Herald's callback and file URLs carry secrets: keep those
        // loggers quiet below warnings whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        // Herald does not announce what it runs on.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddOptions<HeraldOptions>().Bind(builder.Configuration.GetSection(HeraldOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InsiderOneOptions>().Bind(builder.Configuration.GetSection(InsiderOneOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScheduleOptions>().Bind(builder.Configuration.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Herald.Application.Sandboxes.SandboxOptions>().Bind(builder.Configuration.GetSection(Herald.Application.Sandboxes.SandboxOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Herald.Application.Configuration.ConfigurationOptions>()
            .Bind(builder.Configuration.GetSection(Herald.Application.Configuration.ConfigurationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Herald.Application.Segments.SegmentOptions>().Bind(builder.Configuration.GetSection(Herald.Application.Segments.SegmentOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        // A body that is not the JSON an endpoint expects reaches the exception handler, which says so plainly.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddSingleton(sp => new SqliteDatabase(Path.Combine(DataDirectory(sp), "herald.db")));
        services.AddSingleton<IKeyRing>(sp => new DirectoryKeyRing(DataDirectory(sp)));
        services.AddSingleton(sp => new SecretProtector(sp.GetRequiredService<IKeyRing>()));
        services.AddSingleton(sp => new UrlSigner(sp.GetRequiredService<IKeyRing>()));
        services.AddSingleton(sp => new CallbackSecrets(sp.GetRequiredService<IKeyRing>()));
        services.AddSingleton(sp => new ApiKey(sp.GetRequiredService<IOptions<HeraldOptions>>().Value.ApiKey is { Length: > 0 } configured
            ? configured
            : ApiKeyFile.LoadOrCreate(DataDirectory(sp))));
        services.AddSingleton<ICatalogStore, SqliteCatalogStore>();
        services.AddSingleton<ISandboxStore, SqliteSandboxStore>();
        services.AddSingleton<IRunStore>(sp => new SqliteRunStore(sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IOptions<HeraldOptions>>().Value.Workers.MaxCallsPerRun));
        services.AddSingleton<ISegmentLayoutStore, SqliteSegmentLayoutStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<SqliteUiSessions>();
        services.AddSingleton<IUserSessions>(sp => sp.GetRequiredService<SqliteUiSessions>());
        services.AddSingleton<IHandoverStore, SqliteHandoverStore>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HeraldOptions>>().Value.Access.HandoverLimits);
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<IServerSessionStore, SqliteServerSessionStore>();
        services.AddSingleton<IScheduleStore, SqliteScheduleStore>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton(sp => new LocalFileHost(
            Path.Combine(DataDirectory(sp), "files"), () => sp.GetRequiredService<PublicUrls>().BaseUrl, sp.GetRequiredService<UrlSigner>()));
        services.AddSingleton<IFileHost>(sp => sp.GetRequiredService<LocalFileHost>());
        services.AddSingleton<IRunWorkspace>(sp => new LocalRunWorkspace(Path.Combine(DataDirectory(sp), "files")));
        services.AddSingleton<IAudienceSource>(sp => new DuckDbAudienceSource(SourceOptionsOf(sp)));
        services.AddSingleton<ISourceLineage>(sp => new DuckDbSourceLineage(SourceOptionsOf(sp)));
        services.AddSingleton(sp => PiiColumnSettings.Of(sp.GetRequiredService<IOptions<HeraldOptions>>().Value.Source));
        // The second pathway's tables (issue 14): checked, previewed and streamed in the same sandbox as audiences.
        services.AddSingleton(sp => new DuckDbInsiderTableSource(SourceOptionsOf(sp)));
        services.AddSingleton(sp => new ParquetFolderPublisher(SourceOptionsOf(sp)));
        // Bridges: the tables built from the customer 360, published to a folder or to Snowflake with a snowflake credential.
        services.AddSingleton<IBridgeStore, SqliteBridgeStore>();
        services.AddSingleton<IInsiderTableSource>(sp => new DuckDbInsiderTables(SourceOptionsOf(sp)));
        services.AddSingleton<IStagingFiles>(sp => new Herald.Sources.DuckDb.Staging.DuckDbStagingFiles(SourceOptionsOf(sp)));
        services.AddSingleton<IBridgeTarget>(sp => new FolderBridgeTarget(SourceOptionsOf(sp), BridgeFolderRoot(sp)));
        services.AddSnowflakeOptions(builder.Configuration);
        services.AddSingleton<ICredentialPlugin, SnowflakeCredentialPlugin>();
        services.AddSingleton<ISnowflakeLogins, CatalogSnowflakeLogins>();
        services.AddSingleton<IBridgeTarget, SnowflakeBridgeTarget>();
        services.AddSingleton(sp => new PreviewGate(sp.GetRequiredService<IOptions<HeraldOptions>>().Value.Source.MaxConcurrentPreviews));
        services.AddSingleton<ISegmentComparer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HeraldOptions>>().Value;
            return new DuckDbSegmentComparer(Path.Combine(options.DataDirectory, "tmp", "duckdb-compare"), options.Updates.MemoryLimit, options.Updates.Threads, options.Source.MaxTempDirectorySize);
        });
        services.AddSingleton<IDiffSampleStore>(sp => new LocalDiffSampleStore(Path.Combine(DataDirectory(sp), "files", "diff-samples")));

        services.AddSingleton(sp => TokenRateLimiters.Of(sp.GetRequiredService<IOptions<InsiderOneOptions>>().Value));
        services.AddHttpClient<ISegmentGateway, InsiderOneClient>(http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                // Answers are read through bounded buffers; this caps any whole-body read as well.
                http.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => InsiderOneConnections.CreateHandler(sp.GetRequiredService<IOptions<InsiderOneOptions>>().Value));

        services.AddSingleton<IDestinationPlugin, InsiderOnePlugin>();
        services.AddSingleton<IRunCallbackUrls, RunCallbackUrls>();
        services.AddOptions<RunEngineOptions>().Configure<IOptions<HeraldOptions>>((engine, herald) =>
        {
            engine.Concurrency = herald.Value.Workers.Concurrency;
            engine.LeaseDuration = herald.Value.Workers.LeaseDuration;
            engine.PollInterval = herald.Value.Workers.PollInterval;
            engine.DeadlineSweepInterval = herald.Value.Workers.DeadlineSweepInterval;
            engine.FileUrlLifetime = herald.Value.Files.UrlLifetime;
        });
        services.AddHeraldAlerts(builder.Configuration);
        builder.AddHeraldTelemetry();
        services.AddHeraldApplication();
        services.AddHeraldBridges();
        services.AddProblemDetails();
        services.AddHeraldApiDocument();
        services.AddHostedService<ServerSessionRecorder>();
        services.AddHeraldHealthChecks(sp => Path.Combine(DataDirectory(sp), "files"));

        // --- Web UI (src/Herald.Server/Web) ---
        builder.AddHeraldWebUi();
        // --- end Web UI ---
    }

    /// <summary>Everything that must be true before the first request: valid settings, the store, the sample.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var options = app.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<InsiderOneOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Herald.Application.Sandboxes.SandboxOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Herald.Application.Configuration.ConfigurationOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<Herald.Application.Segments.SegmentOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<AlertOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        OwnerOnlyFiles.Apply(options.DataDirectory);
        await app.Services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken);
        // The upgrade to users: the installation's key goes on working, as the admin user's (README, "Users and API keys").
        await app.Services.GetRequiredService<Herald.Application.Access.UserUseCases>()
            .AdoptInstallationKeyAsync(app.Services.GetRequiredService<ApiKey>().Value, cancellationToken);
        if (options.Source.DuckDbPath is null)
        {
            await SampleDatabase.EnsureAsync(SampleDatabase.PathFor(options), options.Source.SampleCustomers, cancellationToken);
        }
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(async context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, message) = exception switch
            {
                // Binding wraps Kestrel's own 413 in a 400 of its own: the size is what the caller must change.
                BadHttpRequestException bad when IsTooLarge(bad) => (StatusCodes.Status413PayloadTooLarge,
                    "The request body is larger than Herald accepts (Herald:Api:MaxRequestBytes, or Herald:Api:MaxCallbackBytes for callbacks, Herald:Api:MaxConfigurationBytes for configuration files). Nothing was saved."),
                BadHttpRequestException bad when Api.QueryParameterProblem.Describe(bad.Message) is { } parameter => (StatusCodes.Status400BadRequest, parameter),
                BadHttpRequestException bad => (StatusCodes.Status400BadRequest,
                    $"The request could not be read: {bad.Message} Send JSON with the fields the API documents."),
                _ => (StatusCodes.Status500InternalServerError, "Herald failed to handle the request; the server's log has the details."),
            };
            await ApiResults.WriteProblemAsync(context, status, message);
        }));

        var options = app.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        app.UseConfiguredForwardedHeaders(options.Web);
        app.UseSecurityHeaders(Web.WebAssets.RequestPath);
        app.UseRequestBodyLimits(options.Api);

        app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }))
            .WithTags("Health").WithSummary("Alive (kept for clients written before /healthz)").Produces(200);
        app.MapHeraldHealthChecks();
        app.MapHeraldMetrics();
        app.MapHeraldApiDocument();
        var api = app.MapGroup("/api");
        // Authorized by the API key scheme before the endpoint runs, so before any body is bound.
        api.RequireAuthorization(ApiKeyAuthentication.Policy);
        // 403: every use case checks the caller's policies (a sentence names the missing action).
        api.Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge);
        api.MapCredentialEndpoints();
        api.MapDestinationEndpoints();
        api.MapOrchestrationEndpoints();
        api.MapSegmentEndpoints();
        api.MapScheduleEndpoints();
        api.MapRunEndpoints();
        api.MapSourceEndpoints();
        api.MapAlertEndpoints();
        api.MapBridgeEndpoints();
        api.MapUserEndpoints();
        api.MapAuditEndpoints();
        api.MapPiiEndpoints();
        api.MapConfigurationEndpoints();
        api.MapSandboxEndpoints();
        app.MapCallbackEndpoint();
        app.MapFileEndpoint();

        // --- Web UI (src/Herald.Server/Web) ---
        app.MapHeraldWebUi();
        // --- end Web UI ---
    }

    private static bool IsTooLarge(Exception? exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || (exception?.InnerException is { } inner && IsTooLarge(inner));

    private static string DataDirectory(IServiceProvider services) =>
        services.GetRequiredService<IOptions<HeraldOptions>>().Value.DataDirectory;

    private static string BridgeFolderRoot(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        return options.Bridges.FolderRoot ?? Path.Combine(options.DataDirectory, "bridges");
    }

    private static DuckDbSourceOptions SourceOptionsOf(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        return new DuckDbSourceOptions
        {
            DatabasePath = options.Source.DuckDbPath ?? SampleDatabase.PathFor(options),
            MemoryLimit = options.Source.MemoryLimit,
            MaxTempDirectorySize = options.Source.MaxTempDirectorySize,
            TempDirectory = Path.Combine(options.DataDirectory, "tmp", "duckdb"),
            Threads = options.Source.Threads,
            AllowedDirectories = SourceFolders.AllowedOf(options),
            QueryTimeout = options.Source.QueryTimeout,
            PreviewMaxCellChars = options.Source.PreviewMaxCellChars,
            PreviewMaxChars = options.Source.PreviewMaxChars,
            SchemaMaxColumns = options.Source.SchemaMaxColumns,
            Clock = services.GetRequiredService<TimeProvider>(),
        };
    }
}
