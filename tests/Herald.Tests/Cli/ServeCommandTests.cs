using System.Net;
using System.Net.Sockets;
using Herald.Tests.Shared;

namespace Herald.Tests.Cli;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "herald-cli-serve-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Serve_ThenAClientWithTheSameDataDir_FindsTheServerByItsKeyFileAndStopsOnCancel()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var serving = CliRunner.RunAsync(
            new Dictionary<string, string?>(),
            ["serve", "--urls", url, "--data-dir", dataDirectory, "--Herald:Source:SampleCustomers=200", "--Logging:LogLevel:Default=Warning"],
            cancellationToken: stop.Token);

        var listed = await WhenServerAnswersAsync(url, serving, () => CliRunner.RunAsync(
            new Dictionary<string, string?>(), ["credential", "list", "--server", url, "--data-dir", dataDirectory]));
        await stop.CancelAsync();
        var served = await serving;

        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Output.ShouldContain("No credentials yet.");
        served.ExitCode.ShouldBe(0, served.ToString());
    }

    [Fact]
    public async Task Simulator_PrintsItsUrlAndItsTestAccount_AndStopsOnCancel()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var output = new StringWriter();
        // The command writes from its own thread; the synchronized writer locks itself, so reads lock it too.
        var writer = TextWriter.Synchronized(output);
        string Written()
        {
            lock (writer)
            {
                return output.ToString();
            }
        }
        var running = global::Herald.Cli.Cli.InvokeAsync(
            ["simulator", "--urls", "http://127.0.0.1:0", "--processing-delay", "50ms", "--partner-name", "sim-partner", "--api-token", "sim-token"], writer, TextWriter.Null, new Dictionary<string, string?>(), cancellationToken: stop.Token);

        await Eventually.TrueAsync(() => Written().Contains("Press Ctrl-C") || running.IsCompleted, "the simulator saying it listens");
        await stop.CancelAsync();

        (await running).ShouldBe(0);
        Written().ShouldContain("http://127.0.0.1:");
        Written().ShouldContain("the simulator's test account, not a real secret): partner name sim-partner, API token sim-token");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a native engine; the temp folder is cleaned by the OS eventually.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Retries the client command while the server starts (exit 3: nothing listens yet).</summary>
    private static Task<CliResult> WhenServerAnswersAsync(string url, Task<CliResult> serving, Func<Task<CliResult>> command) =>
        Eventually.ValueAsync(async () => serving.IsCompleted
                ? throw new InvalidOperationException($"herald serve ended before answering at {url}: {await serving}")
                : await command(),
            result => result.ExitCode != 3,
            result => $"but herald serve never answered at {url}: {result}",
            TimeSpan.FromMinutes(1), poll: TimeSpan.FromMilliseconds(200));
}
