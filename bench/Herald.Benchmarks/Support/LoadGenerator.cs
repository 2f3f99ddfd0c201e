using System.Diagnostics;
using System.Net;
using System.Text;

namespace Herald.Benchmarks.Support;

/// <summary>Posts JSON requests on loopback from many connections at once, as fast as the server answers.</summary>
public static class LoadGenerator
{
    public sealed record Outcome(int Requests, TimeSpan Elapsed, IReadOnlyDictionary<HttpStatusCode, int> Statuses, IReadOnlyList<double> LatenciesMs)
    {
        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public int Count(HttpStatusCode status) => Statuses.GetValueOrDefault(status);

        public override string ToString() => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Value:N0} x {(int)s.Key}"));
    }

    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Outcome> PostAsync(
        HttpClient http, Uri baseUrl, IReadOnlyList<(string Path, string Body)> requests, int concurrency, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<HttpStatusCode, int>();
        var latencies = new double[requests.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new StringContent(requests[i].Body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(baseUrl, requests[i].Path), content, ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (statuses)
                {
                    statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                }
            });
        return new Outcome(requests.Count, clock.Elapsed, statuses, latencies);
    }
}
