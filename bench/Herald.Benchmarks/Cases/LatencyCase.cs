using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Herald.Benchmarks.Support;
using Herald.Benchmarks.Workers;
using Herald.Server.Api;
using Herald.Simulator;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 4. A 100-value test audience sent again and again to a running <c>herald serve</c>: the median time from the
/// send request to "awaiting report", and from Insider One's callback to "succeeded". References, measured in the
/// same run: the hand-written path (DuckDB's COPY of the same 100 values, then the upload request to the same
/// simulator) and the hand-written callback receiver.
/// </summary>
public sealed class LatencyCase(int runs, int cliRuns = 5) : IBenchmarkCase
{
    private const string Query = "SELECT email FROM Customer_360";
    private const int SampleSize = 100;

    public string Name => "latency";

    public string Description => $"{SampleSize}-value test sends, median of {runs}: send -> awaiting report, and callback -> succeeded";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        var sample = await SampleCache.GetAsync(run.WorkDirectory, BenchmarkCases.SmokeCustomers, run.Log, cancellationToken);
        using var scratch = run.Scratch(Name);
        // Insider One never processes these segments during the measurement: the case posts the callbacks itself,
        // timing each one, and nothing else competes for the cores.
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions
        {
            Accounts = [new SimulatorAccount { PartnerName = HeraldApi.PartnerName, Token = HeraldApi.Token }],
            ProcessingDelay = TimeSpan.FromMinutes(10),
        }, cancellationToken: cancellationToken);

        var apiKey = HeraldApi.NewKey();
        var data = scratch.Combine("herald");
        await using var server = await ServerProcess.StartHeraldAsync(run, data, new Dictionary<string, string>
        {
            ["Herald__Source__DuckDbPath"] = sample,
            ["Herald__InsiderOne__BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Herald__ApiKey"] = apiKey,
        }, cancellationToken);
        using var api = new HeraldApi(server.BaseUrl, apiKey);
        var destination = await api.AddDestinationAsync("latency", "Latency", cancellationToken);
        using var callbackClient = new HttpClient();

        // One unmeasured run first: the server's first request and first query pay for JIT and DuckDB's start.
        await SendAndReportAsync(api, simulator, callbackClient, destination.Name, "latency-warm-up", cancellationToken);
        var send = new List<double>();
        var steps = new Dictionary<string, List<double>>();
        var callback = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (sendMs, callbackMs, stepMs) = await SendAndReportAsync(api, simulator, callbackClient, destination.Name, $"latency-{i}", cancellationToken);
            send.Add(sendMs);
            foreach (var (step, ms) in stepMs)
            {
                (steps.TryGetValue(step, out var list) ? list : steps[step] = []).Add(ms);
            }
            callback.Add(callbackMs);
        }

        var cli = new List<double>();
        for (var i = 0; i < cliRuns; i++)
        {
            var (ms, awaiting) = await CliSendAsync(api, server.BaseUrl, apiKey, destination.Name, $"latency-cli-{i}", cancellationToken);
            cli.Add(ms);
            // A destination has one run in flight at a time: the next send would wait for this one's report.
            await ReportAsync(api, simulator, callbackClient, awaiting, cancellationToken);
        }

        var referenceSend = new List<double>();
        using var uploadClient = new HttpClient();
        for (var i = 0; i <= runs; i++)
        {
            var ms = await HandWrittenSendAsync(uploadClient, sample, scratch.Combine($"reference-{i}.csv"), simulator.BaseUrl, $"reference-{i}", cancellationToken);
            if (i > 0)
            {
                referenceSend.Add(ms);
            }
        }
        var referenceCallback = await HandWrittenCallbacksAsync(scratch.Combine("receiver"), runs, cancellationToken);

        var log = run.Log;
        log.WriteLine($"  send request -> awaiting report   Herald median {Stats.Median(send),7:0.0} ms (p90 {Stats.Percentile(send, 0.9):0.0})   " +
                      $"hand-written COPY + upload median {Stats.Median(referenceSend),7:0.0} ms");
        log.WriteLine($"  callback -> succeeded             Herald median {Stats.Median(callback),7:0.0} ms (p90 {Stats.Percentile(callback, 0.9):0.0})   " +
                      $"hand-written receiver median {Stats.Median(referenceCallback),7:0.0} ms");
        log.WriteLine($"  where the send's time goes (medians, from the run's history): {string.Join(", ", steps.Select(p => $"{p.Key} {Stats.Median(p.Value):0.0} ms"))}");
        if (cli.Count > 0)
        {
            log.WriteLine($"  `herald send --json` process start -> awaiting report: median {Stats.Median(cli):0} ms over {cli.Count} runs " +
                          "(the difference with the request is the CLI's own start: the .NET runtime and its JIT)");
        }
        var results = new List<BenchmarkResult>
        {
            new($"{Name}-send", Stats.Median(send), Stats.Median(referenceSend), "ms"),
            new($"{Name}-callback", Stats.Median(callback), Stats.Median(referenceCallback), "ms"),
        };
        if (cli.Count > 0)
        {
            results.Add(new BenchmarkResult($"{Name}-send-cli", Stats.Median(cli), Stats.Median(referenceSend), "ms"));
        }
        return results;
    }

    /// <returns>Milliseconds from the send request to "awaiting report", and from the callback's POST to its answer.</returns>
    private static async Task<(double SendMs, double CallbackMs, IReadOnlyList<(string Step, double Ms)> Steps)> SendAndReportAsync(
        HeraldApi api, InsiderOneSimulator simulator, HttpClient callbackClient, string destination, string segmentName, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        var created = await api.SendAsync(new SendRequest(destination, Query, SegmentName: segmentName, SampleSize: SampleSize), cancellationToken);
        var awaiting = await api.WaitForAsync(created.Id, "awaiting_report", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10), cancellationToken);
        var sendMs = (HeraldApi.EnteredAt(awaiting, "awaiting_report") - sent).TotalMilliseconds;

        var callbackMs = await ReportAsync(api, simulator, callbackClient, awaiting, cancellationToken);
        return (sendMs, callbackMs, StepsOf(awaiting, sent));
    }

    /// <summary>Where the time to "awaiting report" went, by the run's own history; a step noted twice counts once, summed.</summary>
    private static IReadOnlyList<(string Step, double Ms)> StepsOf(RunView run, DateTimeOffset sent)
    {
        var steps = new List<(string, double)> { ("request -> created", (run.CreatedAt - sent).TotalMilliseconds) };
        var history = run.History.TakeWhile(e => e.State != "awaiting_report").ToList();
        var until = HeraldApi.EnteredAt(run, "awaiting_report");
        foreach (var group in history.Select((e, i) => (e.State, Ms: ((i + 1 < history.Count ? history[i + 1].At : until) - e.At).TotalMilliseconds)).GroupBy(e => e.State))
        {
            steps.Add((group.Key, group.Sum(e => e.Ms)));
        }
        return steps;
    }

    /// <summary>Posts Insider One's report to the run's callback URL, as the simulator would.</summary>
    /// <returns>Milliseconds from the POST to its answer, by which time the run is succeeded.</returns>
    private static async Task<double> ReportAsync(
        HeraldApi api, InsiderOneSimulator simulator, HttpClient callbackClient, RunView awaiting, CancellationToken cancellationToken)
    {
        var values = awaiting.Counts!.ValuesSent;
        var body = $$"""{"segment_name":"{{awaiting.SegmentName}}","valid_values_count":{{values}},"invalid_values_count":0,"total_entered_values":{{values}}}""";
        var clock = Stopwatch.StartNew();
        using (var response = await callbackClient.PostAsync(CallbackUrlOf(simulator, awaiting.SegmentName), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchmarkFailedException($"The callback for {awaiting.SegmentName} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
        var callbackMs = clock.Elapsed.TotalMilliseconds;
        var done = await api.GetRunAsync(awaiting.Id, cancellationToken);
        if (done.State != "succeeded")
        {
            throw new BenchmarkFailedException($"Run {awaiting.Id} is {done.State} after its callback was answered 200: {done.Reason}");
        }
        return callbackMs;
    }

    /// <summary>The callback URL Herald gave Insider One, as the simulator received it.</summary>
    private static Uri CallbackUrlOf(InsiderOneSimulator simulator, string segmentName)
    {
        foreach (var request in simulator.Requests.Where(r => r.Path.EndsWith("/upload", StringComparison.Ordinal) && r.Status == 200))
        {
            using var body = JsonDocument.Parse(request.Body);
            if (body.RootElement.GetProperty("segmentName").GetString() == segmentName)
            {
                return new Uri(body.RootElement.GetProperty("callbackUrl").GetString()!);
            }
        }
        throw new BenchmarkFailedException($"The simulator received no accepted upload for {segmentName}.");
    }

    /// <summary>Milliseconds from starting <c>herald send --json</c> to the run's "awaiting report".</summary>
    private static async Task<(double Ms, RunView Awaiting)> CliSendAsync(HeraldApi api, Uri server, string apiKey, string destination, string segmentName, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "herald.dll"), "send", "--destination", destination, "--query", Query,
                "--sample-size", SampleSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--segment-name", segmentName,
                "--json", "--server", server.ToString(),
            },
            Environment = { ["HERALD_API_KEY"] = apiKey },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var started = DateTimeOffset.UtcNow;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"herald send exited with {process.ExitCode}: {output}{error}");
        }
        var run = JsonSerializer.Deserialize<RunView>(output, BenchWorker.Json)!;
        var awaiting = await api.WaitForAsync(run.Id, "awaiting_report", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10), cancellationToken);
        return ((HeraldApi.EnteredAt(awaiting, "awaiting_report") - started).TotalMilliseconds, awaiting);
    }

    /// <summary>What a skilled engineer would script: DuckDB writes the first 100 sendable values, then one upload request.</summary>
    private static async Task<double> HandWrittenSendAsync(
        HttpClient http, string database, string output, Uri simulator, string segmentName, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ExportSql.Equivalent(output, SampleSize);
            command.ExecuteNonQuery();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator, "fps/v1/upload"))
        {
            // Serialized first, so the request carries Content-Length (the simulator refuses a chunked body, as gateways do).
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
            {
                segmentName,
                fileUrl = $"http://127.0.0.1:9/files/{segmentName}.csv",
                callbackUrl = "http://127.0.0.1:9/callback",
                attributeName = "email",
            }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-PARTNER-NAME", HeraldApi.PartnerName);
        request.Headers.Add("X-REQUEST-TOKEN", HeraldApi.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailedException($"The hand-written upload was answered {(int)response.StatusCode}.");
        }
        return ms;
    }

    /// <summary>The same report posted to the hand-written receiver, one at a time; the first is a warm-up.</summary>
    private static async Task<List<double>> HandWrittenCallbacksAsync(string directory, int runs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "receiver.db");
        var keyFile = Path.Combine(directory, "callback.key");
        var runIds = Enumerable.Range(0, runs + 1).Select(_ => Guid.NewGuid()).ToList();
        ReferenceReceiver.Prepare(database, runIds);
        var signer = CallbackSigner.ForKeyFile(keyFile);
        var port = FreePort.Next();
        await using var receiver = await ServerProcess.StartAsync(typeof(ReferenceReceiver).Assembly.Location,
            ["worker", "receiver", database, port.ToString(System.Globalization.CultureInfo.InvariantCulture), keyFile],
            new Dictionary<string, string>(), new Uri($"http://127.0.0.1:{port}/"), ReferenceReceiver.HealthPath, cancellationToken);
        using var http = new HttpClient();
        var latencies = new List<double>();
        foreach (var (id, i) in runIds.Select((id, i) => (id, i)))
        {
            var body = $$"""{"segment_name":"reference","valid_values_count":{{SampleSize}},"invalid_values_count":0,"total_entered_values":{{SampleSize}}}""";
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync(new Uri(receiver.BaseUrl, $"callbacks/{id:N}/{signer.SecretFor(id)}"),
                new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchmarkFailedException($"The hand-written receiver answered {(int)response.StatusCode}.");
            }
            if (i > 0)
            {
                latencies.Add(ms);
            }
        }
        return latencies;
    }
}
