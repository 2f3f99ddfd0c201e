using Herald.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Herald.Server;

/// <summary>Settings for starting Herald's server inside another process (the demo, tests).</summary>
public sealed record HeraldStartOptions
{
    /// <summary>Where Herald keeps its metadata, keys and files.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Kestrel's URL; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Extra configuration (keys such as <c>Herald:InsiderOne:BaseUrl</c>), applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The clock; tests pass a fake one to cross deadlines without waiting.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>One more logger provider, given everything Herald logs (tests read what the logs hold); null for none.</summary>
    public ILoggerProvider? LogSink { get; init; }
}

/// <summary>Herald's server: the REST API, the callback and file endpoints, and the background workers.</summary>
public static class HeraldServer
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Runs <c>herald serve</c> until the token is cancelled or the process gets SIGTERM / Ctrl-C. Settings
    /// come from standard ASP.NET Core configuration: arguments, environment (<c>Herald__...</c>), appsettings.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }
        HeraldApplication.ConfigureServices(builder, TimeProvider.System);
        await using var app = builder.Build();
        try
        {
            await HeraldApplication.PrepareAsync(app, cancellationToken);
            HeraldApplication.MapEndpoints(app);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (StartupProblem.Describe(exception) is { } problem)
        {
            await Console.Error.WriteLineAsync($"Herald did not start: {problem}");
            return 2;
        }
        var options = app.Services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Herald");
        logger.LogInformation("Herald is listening on {Urls}; data in {DataDirectory}; API key in {KeyFile}",
            string.Join(", ", Addresses(app)), Path.GetFullPath(options.DataDirectory), Path.Combine(Path.GetFullPath(options.DataDirectory), ApiKeyFile.FileName));
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>Starts the server in this process on a free loopback port; dispose to stop it.</summary>
    public static async Task<RunningHerald> StartAsync(HeraldStartOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?> { ["Herald:DataDirectory"] = options.DataDirectory };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.LogSink is { } sink)
        {
            builder.Logging.AddProvider(sink);
        }
        HeraldApplication.ConfigureServices(builder, options.TimeProvider ?? TimeProvider.System);
        var app = builder.Build();
        try
        {
            await HeraldApplication.PrepareAsync(app, cancellationToken);
            HeraldApplication.MapEndpoints(app);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var baseUrl = new Uri(Addresses(app).First());
        var apiKey = app.Services.GetRequiredService<Security.ApiKey>().Value;
        return new RunningHerald(app, baseUrl, apiKey, Path.GetFullPath(options.DataDirectory));
    }

    private static IEnumerable<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
}

/// <summary>A Herald server running inside this process.</summary>
public sealed class RunningHerald : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningHerald(WebApplication app, Uri baseUrl, string apiKey, string dataDirectory)
    {
        _app = app;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        DataDirectory = dataDirectory;
    }

    public Uri BaseUrl { get; }
    public string ApiKey { get; }
    public string DataDirectory { get; }

    /// <summary>The server's services, for tests that reach past the API (e.g. to sweep deadlines now).</summary>
    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
