using System.Net;
using Herald.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Simulator.Tests;

/// <summary>100 requests per second per API token (insider-one.md section 1). The clock is fake so that "at once"
/// and "10 ms later" are exact; the requests still go through Kestrel.</summary>
public sealed class RateLimitTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task Burst_Of150FromOneToken_GetsSome429sWithRetryAfter_WhileASecondTokenIsUnaffected()
    {
        await using var scenario = await StartAsync(TwoTokens);

        var burst = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => UploadAsync(scenario, $"s{i}")));
        var secondToken = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => UploadAsync(scenario, $"t{i}", "second-token")));

        // The bucket holds 100, plus 2 of grace for jitter (see TokenRateLimiter).
        burst.Count(response => response.StatusCode == HttpStatusCode.OK).ShouldBe(102);
        var limited = burst.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Count.ShouldBe(48);
        foreach (var response in limited)
        {
            response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));
            (await response.ErrorAsync()).ShouldBe("rejected: too many requests");
        }

        secondToken.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Client_PacedByTokenBucketAt100PerSecond_IsNeverRefused()
    {
        await using var scenario = await StartAsync();
        var statuses = new List<HttpStatusCode>();

        // A full client bucket is spent at once, its next permit comes right away, then one every 10 ms.
        for (var i = 0; i < 101; i++)
        {
            statuses.Add((await UploadAsync(scenario, $"burst-{i}")).StatusCode);
        }

        for (var i = 0; i < 250; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            statuses.Add((await UploadAsync(scenario, $"paced-{i}")).StatusCode);
        }

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_RefusedForGoingOverTheLimit_IsServedAgainASecondLater()
    {
        await using var scenario = await StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 110).Select(i => UploadAsync(scenario, $"s{i}")));
        (await UploadAsync(scenario, "refused")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        clock.Advance(TimeSpan.FromSeconds(1));
        var burst = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => UploadAsync(scenario, $"again-{i}")));

        burst.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Download_CountsAgainstTheSameLimitAsUpload()
    {
        await using var scenario = await StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 110).Select(i => UploadAsync(scenario, $"s{i}")));

        var response = await scenario.Api.DownloadAsync("s0");

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RequestsPerSecondPerToken_OfZero_DisablesTheLimit()
    {
        await using var scenario = await StartAsync(options => options.RequestsPerSecondPerToken = 0);

        var burst = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => UploadAsync(scenario, $"s{i}")));

        burst.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
    }

    private static void TwoTokens(SimulatorOptions options) => options.Accounts =
    [
        new SimulatorAccount { PartnerName = "herald-demo", Token = "demo-token" },
        new SimulatorAccount { PartnerName = "herald-demo", Token = "second-token" },
    ];

    private Task<Scenario> StartAsync(Action<SimulatorOptions>? configure = null) => Scenario.StartAsync(options =>
    {
        options.TimeProvider = clock;

        // Never reached on the fake clock: these tests are about answers, not processing.
        options.ProcessingDelay = TimeSpan.FromHours(1);
        configure?.Invoke(options);
    });

    private static Task<HttpResponseMessage> UploadAsync(Scenario scenario, string segmentName, string token = InsiderOneCalls.Token) =>
        scenario.Api.UploadAsync(segmentName, "http://127.0.0.1:9/audience.csv", "http://127.0.0.1:9/callback", token: token);
}
