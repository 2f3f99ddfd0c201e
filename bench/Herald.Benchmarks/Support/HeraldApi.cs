using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;

namespace Herald.Benchmarks.Support;

/// <summary>Herald's REST API as the CLI speaks it, for cases that drive a running server.</summary>
public sealed class HeraldApi(Uri baseUrl, string apiKey) : IDisposable
{
    public const string PartnerName = "herald-bench";
    public const string Token = "bench-token";

    public HttpClient Http { get; } = new() { BaseAddress = baseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", apiKey } } };

    /// <summary>An API key for a server started by a case (Herald:ApiKey), long enough for Herald's check.</summary>
    public static string NewKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "-bench";

    public async Task<DestinationView> AddDestinationAsync(string name, string segmentName, CancellationToken cancellationToken)
    {
        await ReadAsync<CredentialView>(await Http.PostAsJsonAsync("api/credentials",
            new CredentialInput(name, "insiderone", PartnerName, Token, null), cancellationToken), HttpStatusCode.Created, cancellationToken);
        return await ReadAsync<DestinationView>(await Http.PostAsJsonAsync("api/destinations",
            new DestinationInput(name, name, segmentName, "email", null), cancellationToken), HttpStatusCode.Created, cancellationToken);
    }

    public async Task<RunView> SendAsync(SendRequest request, CancellationToken cancellationToken) =>
        await ReadAsync<RunView>(await Http.PostAsJsonAsync("api/sends", request, cancellationToken), HttpStatusCode.Accepted, cancellationToken);

    public async Task<RunView> GetRunAsync(Guid id, CancellationToken cancellationToken) =>
        (await Http.GetFromJsonAsync<RunView>($"api/runs/{id}", BenchWorker.Json, cancellationToken))!;

    /// <summary>Polls until the run reaches <paramref name="state"/> (or any final state), failing the case on another final state.</summary>
    public async Task<RunView> WaitForAsync(Guid id, string state, TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await GetRunAsync(id, cancellationToken);
            if (run.State == state)
            {
                return run;
            }
            if (run.IsFinal)
            {
                throw new BenchmarkFailedException($"Run {id} ended {run.State} instead of {state}: {run.Reason}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"Run {id} is still {run.State} after {timeout.TotalSeconds:0} s: {run.Reason}");
            }
            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary>When the run entered a state, by its own history (the server's clock, the same machine's).</summary>
    public static DateTimeOffset EnteredAt(RunView run, string state) =>
        run.History.Last(e => e.State == state).At;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != expected)
            {
                throw new BenchmarkFailedException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }
            return System.Text.Json.JsonSerializer.Deserialize<T>(body, BenchWorker.Json)!;
        }
    }

    public void Dispose() => Http.Dispose();
}
