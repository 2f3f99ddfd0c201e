using System.Net;
using System.Net.Http.Json;
using Herald.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Simulator.Tests;

/// <summary>insider-one.md section 6: misbehaviour on demand, through the live <see cref="InsiderOneSimulator.Faults"/>,
/// the options at start-up, or <c>/_simulator/faults</c>.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task FailNextUploads_AnswersFailStatusForThatManyUploads_ThenAcceptsAgain()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.FailNextUploads = 2;
        scenario.Simulator.Faults.FailStatus = 500;

        var first = await UploadAsync(scenario, "one");
        var second = await UploadAsync(scenario, "two");
        var third = await UploadAsync(scenario, "three");

        first.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        second.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        scenario.Simulator.Faults.FailNextUploads.ShouldBe(0);
        scenario.Simulator.Segments.Select(segment => segment.Name).ShouldBe(["three"]);
    }

    [Fact]
    public async Task FailNextUploads_AnswersServiceUnavailableByDefault()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.FailNextUploads = 1;

        (await UploadAsync(scenario, "one")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task RateLimitNextUploads_Answers429WithTheConfiguredRetryAfter()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.RateLimitNextUploads = 1;
        scenario.Simulator.Faults.RetryAfterSeconds = 7;

        var limited = await UploadAsync(scenario, "one");
        var accepted = await UploadAsync(scenario, "one");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await limited.ErrorAsync()).ShouldBe("rejected: too many requests");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        scenario.Simulator.Faults.RateLimitNextUploads.ShouldBe(0);
    }

    [Fact]
    public async Task UploadDelay_SlowsTheUploadAnswer()
    {
        var clock = new FakeTimeProvider();
        await using var scenario = await Scenario.StartAsync(options => options.TimeProvider = clock);
        scenario.Simulator.Faults.UploadDelay = TimeSpan.FromSeconds(30);
        var sentAt = clock.GetUtcNow();

        var answer = UploadAsync(scenario, "slow");
        await clock.AdvanceUntilAsync(() => answer.IsCompleted, "the answer to the upload");

        (await answer).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answeredAt = scenario.Simulator.Requests.ShouldHaveSingleItem().At;
        (answeredAt - sentAt).ShouldLastAtLeast(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallbackDelay_PostponesTheCallbackAfterProcessing()
    {
        var clock = new FakeTimeProvider();
        await using var scenario = await Scenario.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.ProcessingDelay = TimeSpan.Zero;
        });
        scenario.Simulator.Faults.CallbackDelay = TimeSpan.FromSeconds(30);
        var sentAt = clock.GetUtcNow();

        await scenario.Api.UploadAsync("VIP", scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl);
        await clock.AdvanceUntilAsync(() => scenario.Simulator.Callbacks.Count == 1, "the callback");

        scenario.Segment("VIP").State.ShouldBe(SegmentStates.Processed);
        var callback = scenario.Simulator.Callbacks.ShouldHaveSingleItem();
        (callback.At - sentAt).ShouldLastAtLeast(TimeSpan.FromSeconds(30));
        scenario.Herald.Callbacks.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DropCallbacks_ProcessesTheFileButNeverCallsBack()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.DropCallbacks = true;

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        scenario.Segment("VIP").State.ShouldBe(SegmentStates.Processed);
        scenario.Simulator.Callbacks.ShouldBeEmpty();
        scenario.Herald.Callbacks.ShouldBeEmpty();
    }

    [Fact]
    public async Task DuplicateCallbacks_DeliversEveryCallbackTwice()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.DuplicateCallbacks = true;

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        var callbacks = scenario.Herald.Callbacks;
        callbacks.Count.ShouldBe(2);
        callbacks[1].Body.ShouldBe(callbacks[0].Body);
    }

    [Fact]
    public async Task CallbackForUnknownSegment_AlsoSendsOneCallbackNamingASegmentThatDoesNotExist()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.CallbackForUnknownSegment = true;

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        var names = scenario.Herald.Callbacks.Select(callback => callback.SegmentName).ToList();
        names.Count.ShouldBe(2);
        names[0].ShouldBe("VIP");
        names[1].ShouldNotBe("VIP");
        scenario.Simulator.Segments.ShouldNotContain(segment => segment.Name == names[1]);
    }

    [Fact]
    public async Task RefuseDownloads_MakesTheDownloadCallAnswer503_AndLeavesUploadsAlone()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["a@example.com"]);
        scenario.Simulator.Faults.RefuseDownloads = true;

        var download = await scenario.Api.DownloadAsync("Newsletter");
        var upload = await UploadAsync(scenario, "VIP");

        download.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailSegmentFiles_HandsOutTheFileUrl_ButTheFileAnswers503()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["a@example.com"]);
        scenario.Simulator.Faults.FailSegmentFiles = true;

        var download = await scenario.Api.DownloadAsync("Newsletter");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fileUrl = System.Text.Json.JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement.GetProperty("fileUrl").GetString()!;
        using var http = new HttpClient();
        (await http.GetAsync(fileUrl)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        scenario.Simulator.Faults.FailSegmentFiles = false;
        (await http.GetStringAsync(fileUrl)).ShouldBe("a@example.com\n");
    }

    [Fact]
    public async Task Faults_GivenInOptions_ApplyFromStart_AndAreCopied()
    {
        var startFaults = new SimulatorFaults { FailNextUploads = 1 };
        await using var scenario = await Scenario.StartAsync(options => options.Faults = startFaults);

        (await UploadAsync(scenario, "one")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await UploadAsync(scenario, "one")).StatusCode.ShouldBe(HttpStatusCode.OK);
        startFaults.FailNextUploads.ShouldBe(1);
    }

    [Fact]
    public async Task FaultsEndpoint_Put_ReplacesTheFaults_AndGetShowsThem()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.DropCallbacks = true;

        var put = await scenario.Api.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/_simulator/faults")
        {
            Content = JsonContent.Create(new { failNextUploads = 1, failStatus = 502, uploadDelay = "00:00:00.1" }),
        });
        var shown = await (await scenario.Api.GetAsync("/_simulator/faults")).JsonAsync();
        var upload = await UploadAsync(scenario, "one");

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.GetProperty("failNextUploads").GetInt32().ShouldBe(1);
        shown.GetProperty("failStatus").GetInt32().ShouldBe(502);
        shown.GetProperty("dropCallbacks").GetBoolean().ShouldBeFalse();
        upload.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        scenario.Simulator.Faults.UploadDelay.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("""{"failNextUploads":-1}""")]
    [InlineData("""{"failStatus":200}""")]
    [InlineData("""not json""")]
    public async Task FaultsEndpoint_PutWithInvalidFaults_Answers400_AndKeepsTheFaults(string body)
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.Faults.DuplicateCallbacks = true;

        var put = await scenario.Api.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/_simulator/faults")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        scenario.Simulator.Faults.DuplicateCallbacks.ShouldBeTrue();
    }

    private static Task<HttpResponseMessage> UploadAsync(Scenario scenario, string segmentName) =>
        scenario.Api.UploadAsync(segmentName, scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl);
}
