using Herald.Server;
using Herald.Simulator;

namespace Herald.Tests.Support;

/// <summary>
/// A real Herald server and a real Insider One simulator on loopback ports, with a data directory of
/// their own: the components a user runs, talking HTTP to each other.
/// </summary>
public sealed class HeraldHarness : IAsyncDisposable
{
    private readonly TestDirectory _directory;

    private HeraldHarness(TestDirectory directory, InsiderOneSimulator simulator, RunningHerald herald, string sourcePath)
    {
        _directory = directory;
        Simulator = simulator;
        Herald = herald;
        SourcePath = sourcePath;
        Api = new HeraldApi(herald.BaseUrl, herald.ApiKey) { Diagnostics = DescribeSimulator };
    }

    private string DescribeSimulator() =>
        "\nSimulator segments: " + string.Join("; ", Simulator.Segments.Select(s => $"{s.Name} {s.State} {s.FailureReason} uploads={s.UploadCount}")) +
        "\nSimulator callbacks: " + string.Join("; ", Simulator.Callbacks.Select(c => $"{c.Url} -> {c.Status} {c.Error}"));

    public InsiderOneSimulator Simulator { get; }
    public RunningHerald Herald { get; private set; }
    public HeraldApi Api { get; private set; }
    public string SourcePath { get; }
    public string DataDirectory => Herald.DataDirectory;

    public static async Task<HeraldHarness> StartAsync(
        string? sourcePath = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        SimulatorOptions? simulatorOptions = null,
        Microsoft.Extensions.Logging.ILoggerProvider? logSink = null)
    {
        var directory = new TestDirectory("harness");
        var simulator = await InsiderOneSimulator.StartAsync(simulatorOptions ?? new SimulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(20) });
        sourcePath ??= await TestDatabases.SampleAsync();
        var herald = await StartHeraldAsync(Path.Combine(directory.Path, "data"), simulator, sourcePath, settings, clock, logSink: logSink);
        return new HeraldHarness(directory, simulator, herald, sourcePath);
    }

    /// <summary>Stops the server and starts a new one on the same data directory, as after a restart.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, Func<string, Task>? whileStopped = null)
    {
        var dataDirectory = Herald.DataDirectory;
        Api.Dispose();
        await Herald.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped(dataDirectory);
        }
        // The same address as before: Insider One's callbacks in flight were sent to it.
        Herald = await StartHeraldAsync(dataDirectory, Simulator, SourcePath, settings, clock, $"http://127.0.0.1:{Herald.BaseUrl.Port}");
        Api = new HeraldApi(Herald.BaseUrl, Herald.ApiKey) { Diagnostics = DescribeSimulator };
    }

    public static async Task<RunningHerald> StartHeraldAsync(
        string dataDirectory, InsiderOneSimulator simulator, string sourcePath, IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock,
        string urls = "http://127.0.0.1:0", Microsoft.Extensions.Logging.ILoggerProvider? logSink = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Herald:InsiderOne:BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Herald:Source:DuckDbPath"] = sourcePath,
            ["Herald:InsiderOne:RetryBaseDelay"] = "00:00:00.010",
            ["Herald:InsiderOne:MaxRetryDelay"] = "00:00:00.200",
            ["Herald:Workers:PollInterval"] = "00:00:00.100",
            ["Herald:Workers:DeadlineSweepInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return await HeraldServer.StartAsync(new HeraldStartOptions { DataDirectory = dataDirectory, Settings = all, TimeProvider = clock, Urls = urls, LogSink = logSink }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Herald.DisposeAsync();
        await Simulator.DisposeAsync();
        _directory.Dispose();
    }
}
