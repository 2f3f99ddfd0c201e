using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Simulator;
using Herald.Tests.Support;
using Xunit.Abstractions;

namespace Herald.Tests.Reliability;

/// <summary>
/// <c>herald serve</c> is killed with SIGKILL at random points of many runs and started again: every run
/// reaches exactly one final state, each segment is submitted exactly once, and no callback is lost
/// (Insider One's callbacks that arrive while Herald is down are retried by the simulator).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Runs = 24;
    private const int Kills = 8;

    [Fact]
    public async Task HeraldKilledAtRandomPointsOfManyRuns_FinishesEveryRunOnceAndSubmitsEachSegmentOnce()
    {
        using var directory = new TestDirectory("crash");
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions
        {
            ProcessingDelay = TimeSpan.FromMilliseconds(150),
            CallbackAttempts = 10,
            CallbackRetryDelay = TimeSpan.FromMilliseconds(500),
        });
        var port = RetryTests.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Herald__InsiderOne__BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Herald__Source__DuckDbPath"] = await TestDatabases.SampleAsync(),
            ["Herald__Workers__LeaseDuration"] = "00:00:02",
            ["Herald__Workers__PollInterval"] = "00:00:00.100",
            ["Herald__InsiderOne__RetryBaseDelay"] = "00:00:00.050",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var data = directory.File("data");
        var runIds = new List<Guid>();
        var runs = new List<RunView>();
        int exitCode;
        var herald = await HeraldProcess.StartAsync(data, port, environment);
        try
        {
            using var api = new HeraldApi(herald.BaseUrl, Herald.Server.ApiKeyFile.TryRead(data)!);
            await api.AddCredentialAsync("crash");
            for (var i = 0; i < Runs; i++)
            {
                await api.AddDestinationAsync($"crash-{i}", "crash", $"Crash {i}");
                runIds.Add((await api.SendAsync($"crash-{i}", $"SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold' AND hash(amperity_id) % {i + 2} = 0")).Id);
            }

            var random = new Random(20261126);
            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(random.Next(50, 600));
                await herald.KillAsync();
                await herald.DisposeAsync();
                herald = await HeraldProcess.StartAsync(data, port, environment);
            }

            foreach (var id in runIds)
            {
                runs.Add(await api.WaitForAsync(id, timeout: TimeSpan.FromSeconds(90)));
            }
            await herald.TerminateAsync(TimeSpan.FromSeconds(30));
            exitCode = herald.ExitCode;
        }
        finally
        {
            // A failed assertion must not leave a server running after the test.
            await herald.DisposeAsync();
        }

        var uploadsBySegment = simulator.Requests.Where(r => r.Path.EndsWith("upload") && r.Status == 200)
            .GroupBy(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("segmentName").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{Runs} runs, {Kills} SIGKILLs: " +
            string.Join(", ", runs.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}")) +
            $"; uploads accepted per segment: max {uploadsBySegment.Values.DefaultIfEmpty(0).Max()}; " +
            $"callbacks attempted {simulator.Callbacks.Count}, failed attempts (Herald down) {simulator.Callbacks.Count(c => !c.Succeeded)}");

        runs.ShouldAllBe(r => r.State == "succeeded");
        runs.ShouldAllBe(r => r.History.Count(e => e.State == "succeeded" || e.State == "failed" || e.State == "cancelled") == 1);
        for (var i = 0; i < Runs; i++)
        {
            uploadsBySegment.GetValueOrDefault($"Crash {i}").ShouldBe(1, $"segment Crash {i}");
            runs[i].Report!.Total.ShouldBe(runs[i].Counts!.ValuesSent);
        }
        exitCode.ShouldBe(0, "SIGTERM stops herald serve cleanly");
    }
}
