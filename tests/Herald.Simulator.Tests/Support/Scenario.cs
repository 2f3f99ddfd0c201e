namespace Herald.Simulator.Tests.Support;

/// <summary>A simulator, Herald's side of the exchange, and a client, all on loopback; one per test.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    private Scenario(InsiderOneSimulator simulator, HeraldStandIn herald)
    {
        Simulator = simulator;
        Herald = herald;
        Api = new InsiderOneCalls(simulator.BaseUrl);
    }

    public InsiderOneSimulator Simulator { get; }
    public HeraldStandIn Herald { get; }
    public InsiderOneCalls Api { get; }

    /// <summary>Starts with no processing delay and quick callback retries, so tests take milliseconds.</summary>
    public static async Task<Scenario> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            ProcessingDelay = TimeSpan.Zero,
            CallbackRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var simulator = await InsiderOneSimulator.StartAsync(options);
        return new Scenario(simulator, await HeraldStandIn.StartAsync());
    }

    /// <summary>Uploads a file of these values to a new segment and waits until processing and callbacks are over.</summary>
    public async Task<HttpResponseMessage> UploadAndWaitAsync(string segmentName, string attributeName, params string[] values)
    {
        var response = await Api.UploadAsync(segmentName, Herald.HostValues(values), Herald.CallbackUrl, attributeName);
        await WaitForIdleAsync();
        return response;
    }

    public async Task WaitForIdleAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Simulator.WaitForIdleAsync(deadline.Token);
    }

    public SimulatedSegment Segment(string name) => Simulator.Segments.Single(segment => segment.Name == name);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Simulator.DisposeAsync();
        await Herald.DisposeAsync();
    }
}
