using System.Diagnostics;

namespace Herald.Benchmarks.Support;

/// <summary>
/// A server in a child process (<c>herald serve</c>, or the hand-written reference receiver), so that its
/// memory and CPU are its own and not the load generator's.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <summary>Peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes => ProcessMemory.PeakBytes(_process.Id);

    public long CurrentMemoryBytes => ProcessMemory.CurrentBytes(_process.Id);

    public string MemoryBreakdown => ProcessMemory.Breakdown(_process.Id);

    /// <summary>User and system CPU time used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary><c>herald serve</c> from the herald.dll beside this assembly, healthy on a free loopback port.</summary>
    public static Task<ServerProcess> StartHeraldAsync(
        BenchmarkRun run, string dataDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, string>(environment);
        foreach (var (key, value) in run.ServerEnvironment)
        {
            all[key] = value;
        }
        var port = FreePort.Next();
        var herald = Path.Combine(AppContext.BaseDirectory, "herald.dll");
        return StartAsync(herald, ["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDirectory], all,
            new Uri($"http://127.0.0.1:{port}/"), "api/health", cancellationToken);
    }

    public static async Task<ServerProcess> StartAsync(
        string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Uri baseUrl, string healthPath,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var server = new ServerProcess(Process.Start(start)!, baseUrl);
        try
        {
            await server.WaitUntilHealthyAsync(healthPath, TimeSpan.FromSeconds(120), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(string healthPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException($"{_process.StartInfo.ArgumentList[0]} exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, healthPath), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new BenchmarkFailedException($"The server did not become healthy in {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // The last lines are the ones that explain a failure; a server that logs a lot must not fill memory.
            if (_output.Count >= 500)
            {
                _output.RemoveAt(0);
            }
            _output.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
