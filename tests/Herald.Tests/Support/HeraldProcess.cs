using System.Diagnostics;
using Herald.Tests.Shared;

namespace Herald.Tests.Support;

/// <summary>
/// <c>herald serve</c> as a child process, so that a test can kill it (SIGKILL) as a crash would, and
/// stop it (SIGTERM) as an operator would.
/// </summary>
public sealed class HeraldProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HeraldProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    public static async Task<HeraldProcess> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string> environment)
    {
        var herald = Path.Combine(AppContext.BaseDirectory, "herald.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { herald, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new HeraldProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        await process.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ValueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"herald serve exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                return (await http.GetAsync(new Uri(BaseUrl, "api/health"))).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // Not listening yet.
            }
        }, healthy => healthy, _ => $"but herald serve did not become healthy:\n{Output}", timeout, poll: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the way an orchestrator stops a service.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await kill.WaitForExitAsync();
        }
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
