using Herald.Tests.Support;

namespace Herald.Tests.Reliability;

/// <summary>Transient failures of Insider One are retried within a budget; every attempt is in the run's history.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Herald:InsiderOne:MaxRetries"] = "3",
        ["Herald:InsiderOne:RequestTimeout"] = "00:00:00.500",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Upload_AnsweredWith503Twice_IsRetriedAndTheRunSucceeds()
    {
        _harness.Simulator.Faults.FailNextUploads = 2;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Flaky");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("succeeded", run.Reason);
        run.Calls.Where(c => c.Operation == "upload").Select(c => c.Status).ShouldBe([503, 503, 200]);
        UploadsReceived("Flaky").ShouldBe(3);
        _harness.Simulator.Segments.Single(s => s.Name == "Flaky").UploadCount.ShouldBe(1);
    }

    [Fact]
    public async Task Upload_AnsweredWith429_WaitsForRetryAfterAndSucceeds()
    {
        _harness.Simulator.Faults.RetryAfterSeconds = 1;
        _harness.Simulator.Faults.RateLimitNextUploads = 1;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Throttled");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("succeeded", run.Reason);
        var uploads = run.Calls.Where(c => c.Operation == "upload").ToList();
        uploads.Select(c => c.Status).ShouldBe([429, 200]);
        (uploads[1].At - uploads[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "Retry-After: 1 is honoured");
    }

    [Fact]
    public async Task Upload_ThatKeepsFailing_FailsTheRunAfterTheRetryBudgetAndSaysWhatToDo()
    {
        _harness.Simulator.Faults.FailNextUploads = 10;
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Down");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("transient");
        run.Reason.ShouldContain("after 4 attempts");
        run.NextStep!.ShouldContain("run again");
        run.Calls.Count(c => c.Operation == "upload").ShouldBe(4);
        _harness.Simulator.Faults.FailNextUploads = 0;
    }

    [Fact]
    public async Task Upload_ThatTimesOut_IsRetriedAndEachAttemptIsRecorded()
    {
        _harness.Simulator.Faults.UploadDelay = TimeSpan.FromSeconds(2);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Slow");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);
        _harness.Simulator.Faults.UploadDelay = TimeSpan.Zero;

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("transient");
        var uploads = run.Calls.Where(c => c.Operation == "upload").ToList();
        uploads.Count.ShouldBe(4);
        uploads.ShouldAllBe(c => c.Status == null && c.Outcome.Contains("timed out"));
    }

    [Fact]
    public async Task Upload_ToAnAddressThatRefusesConnections_IsRetriedThenFailsTheRun()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Herald:InsiderOne:BaseUrl"] = $"http://127.0.0.1:{FreePort()}/",
            ["Herald:InsiderOne:MaxRetries"] = "2",
        });
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Unreachable");

        var run = await harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("transient");
        run.Reason.ShouldContain("could not be reached");
        run.Calls.Count(c => c.Operation == "upload").ShouldBe(3);
        run.Calls.ShouldAllBe(c => c.Outcome.StartsWith("network error"));
    }

    private int UploadsReceived(string segment) =>
        _harness.Simulator.Requests.Count(r => r.Path.EndsWith("upload") && r.Body.Contains(segment));

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
