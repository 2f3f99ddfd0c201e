using Herald.Simulator.Api;
using Herald.Simulator.Attributes;
using Herald.Simulator.Inspection;
using Herald.Simulator.Processing;
using Herald.Simulator.SnowflakeImport;
using Herald.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Simulator;

/// <summary>
/// A stand-in for Insider One's First-Party Segment API (insider-one.md sections 1 to 6), served by its own Kestrel
/// so that it runs inside any process: the demo, a test, Herald's CLI. Each instance is independent of any other.
/// </summary>
public sealed class InsiderOneSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SimulatorState state;
    private readonly BackgroundWork background;
    private readonly TokenRateLimiter rateLimiter;
    private readonly HttpClient http;
    private readonly SimulatorFaults initialFaults;
    private readonly IReadOnlyList<ApiAccount> accounts;
    private readonly SnowflakeImportState imports = new();
    private ShareImporter? importer;
    private ConsumerToken? consumerToken;
    private int disposed;

    private InsiderOneSimulator(
        WebApplication app, SimulatorState state, BackgroundWork background, TokenRateLimiter rateLimiter, HttpClient http,
        SimulatorFaults faults, IReadOnlyList<ApiAccount> accounts)
    {
        this.app = app;
        this.state = state;
        this.background = background;
        this.rateLimiter = rateLimiter;
        this.http = http;
        this.accounts = accounts;
        Faults = faults;
        initialFaults = faults.Copy();
    }

    /// <summary>The address the simulator answers on, with the port actually bound.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The live faults; change them at any time.</summary>
    public SimulatorFaults Faults { get; }

    public IReadOnlyList<SimulatedSegment> Segments => state.Segments();

    /// <summary>Every request to <c>/fps/v1/*</c> with the answer it got, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => state.Requests();

    /// <summary>Every callback attempt with the answer it got, oldest first.</summary>
    public IReadOnlyList<SentCallback> Callbacks => state.Callbacks();

    /// <summary>Every import of a Snowflake share, oldest first.</summary>
    public IReadOnlyList<ShareImportReport> SnowflakeImports => imports.Reports();

    /// <summary>Users imported from Snowflake shares.</summary>
    public int ImportedUserCount => imports.UserCount;

    /// <summary>Events imported from Snowflake shares.</summary>
    public int ImportedEventCount => imports.EventCount;

    /// <summary>The imported user with this <c>uuid</c>, its columns by lowercase name (values as the SQL API gave
    /// them), or null when no import accepted it.</summary>
    public IReadOnlyDictionary<string, string?>? ImportedUser(string uuid) => imports.User(uuid);

    /// <summary>The imported event with this key (<c>event_id</c>, or <c>uuid</c> for a table without one), or null.</summary>
    public IReadOnlyDictionary<string, string?>? ImportedEvent(string key) => imports.Event(key);

    /// <summary>Imports a share from Snowflake as Insider One's account (<see cref="SimulatorOptions.SnowflakeConsumer"/>)
    /// would: reads the user and event tables and keeps the rows Insider One's rules accept. A share that cannot be read
    /// gives a report with its <see cref="ShareImportReport.Failure"/>, not an exception.</summary>
    /// <exception cref="InvalidOperationException">The simulator was started without a Snowflake consumer.</exception>
    public Task<ShareImportReport> ImportSnowflakeShareAsync(ShareImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (importer ?? throw new InvalidOperationException("The simulator has no Snowflake consumer: set SimulatorOptions.SnowflakeConsumer."))
            .ImportAsync(request, cancellationToken);
    }

    /// <summary>Starts a simulator listening on <paramref name="url"/>; port 0 picks a free port (use an IP address
    /// such as 127.0.0.1 then: Kestrel cannot pick a port for "localhost").</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static async Task<InsiderOneSimulator> StartAsync(
        SimulatorOptions options, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        SimulatorOptionsValidation.Validate(options);
        var app = BuildHost(url);
        try
        {
            var simulator = Compose(app, options);
            await app.StartAsync(cancellationToken);
            simulator.BaseUrl = ReachableAddress(app.Urls.First());
            return simulator;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts a segment in place as if it existed already. Made in InOne's panel (the default), its name is
    /// in use for every upload; otherwise it counts as uploaded earlier by the partner's first token, whose uploads
    /// then replace it.</summary>
    public void SeedSegment(
        string partnerName, string segmentName, IEnumerable<string> values, bool createdInPanel = true, string attributeName = "uuid")
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerName);
        ArgumentException.ThrowIfNullOrEmpty(segmentName);
        ArgumentNullException.ThrowIfNull(values);
        var owner = createdInPanel
            ? null
            : accounts.FirstOrDefault(account => account.PartnerName == partnerName)?.Token
              ?? throw new ArgumentException($"No account has the partner name '{partnerName}'.", nameof(partnerName));
        state.Seed(partnerName, segmentName, values.ToList().AsReadOnly(), !createdInPanel, owner, attributeName);
    }

    /// <summary>Completes when no upload is waiting to be processed and no callback is being delivered.</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) => background.WaitForIdleAsync(cancellationToken);

    /// <summary>Forgets everything (segments, requests, callbacks, served files, rate-limit use), abandons the
    /// processing under way, and puts the faults back as they were at start.</summary>
    public void Reset()
    {
        background.CancelAll();
        state.Clear();
        imports.Clear();
        rateLimiter.Clear();
        Faults.ReplaceWith(initialFaults);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await background.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
        consumerToken?.Dispose();
    }

    private static WebApplication BuildHost(string url)
    {
        // The empty builder reads no appsettings, environment variables or command line: hosted inside Herald's
        // server, the simulator must not pick up the server's Kestrel endpoints or logging settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(InsiderOneSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        return builder.Build();
    }

    private static InsiderOneSimulator Compose(WebApplication app, SimulatorOptions options)
    {
        var time = options.TimeProvider;
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var accounts = options.Accounts.Select(ApiAccount.From).ToList();
        var faults = options.Faults.Copy();
        var state = new SimulatorState(time);
        var rateLimiter = new TokenRateLimiter(options.RequestsPerSecondPerToken, time);
        var background = new BackgroundWork(loggers.CreateLogger<BackgroundWork>());

        // Its own client: the simulator fetches files and posts callbacks as an outsider would.
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        var callbacks = new CallbackSender(http, state, faults, options.CallbackAttempts, options.CallbackRetryDelay, time);
        var processor = new SegmentProcessor(
            http,
            state,
            new AttributeRegistry(options.CustomAttributes ?? []),
            callbacks,
            options.ProcessingDelay,
            options.MaxFileBytes,
            options.CallbackAttempts,
            options.CallbackRetryDelay,
            time,
            loggers.CreateLogger<SegmentProcessor>());
        var apiGate = new ApiGate(accounts, rateLimiter);
        var dispatcher = new ApiDispatcher(
            new UploadHandler(apiGate, faults, state, processor, background, time),
            new DownloadHandler(apiGate, faults, state),
            state,
            time);

        var simulator = new InsiderOneSimulator(app, state, background, rateLimiter, http, faults, accounts);
        if (options.SnowflakeConsumer is { } consumer)
        {
            simulator.consumerToken = new ConsumerToken(consumer, time);
            simulator.importer = new ShareImporter(new ConsumerSqlClient(http, consumer, simulator.consumerToken, time), consumer, simulator.imports, time);
        }

        app.Map(ApiDispatcher.PathPrefix + "/{**rest}", dispatcher.HandleAsync);
        InspectionEndpoints.Map(app, simulator, state);
        return simulator;
    }

    // Listening on every interface is reported as 0.0.0.0 or [::], which no client can call: loopback can.
    private static Uri ReachableAddress(string boundAddress)
    {
        var address = new UriBuilder(boundAddress);
        if (address.Host is "0.0.0.0" or "[::]" or "::")
        {
            address.Host = "127.0.0.1";
        }

        return address.Uri;
    }
}
