using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Server.Security;
using Herald.Simulator;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Server;

/// <summary>Insider One's callback and file download: only the genuine ones count, and only once.</summary>
public sealed class CallbackAndFileTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Callback_WithAWrongSecret_IsRefusedAndTheRunDoesNotChange()
    {
        var run = await AwaitingReportRunAsync();

        var response = await PostCallbackAsync(run.Id, "0000wrongsecret", Report(run.SegmentName, 1, 0, 1));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _harness.Api.GetRunAsync(run.Id)).State.ShouldBe("awaiting_report");
    }

    [Fact]
    public async Task Callback_ForAnUnknownRun_IsRefused()
    {
        var unknown = Guid.NewGuid();

        var response = await PostCallbackAsync(unknown, SecretFor(unknown), Report("VIP", 1, 0, 1));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"segmentName": "x", "validValuesCount": 1, "invalidValuesCount": 0, "totalEnteredValues": 1}""")]
    [InlineData("""{"segment_name": "{segment}", "valid_values_count": 1, "invalid_values_count": 1, "total_entered_values": 5}""")]
    [InlineData("""{"segment_name": "{segment}", "valid_values_count": -1, "invalid_values_count": 1, "total_entered_values": 0}""")]
    [InlineData("""{"segment_name": "another segment", "valid_values_count": 1, "invalid_values_count": 0, "total_entered_values": 1}""")]
    public async Task Callback_ThatIsMalformed_IsRefusedAndTheRunDoesNotChange(string body)
    {
        var run = await AwaitingReportRunAsync();

        var response = await PostCallbackAsync(run.Id, SecretFor(run.Id), body.Replace("{segment}", run.SegmentName));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _harness.Api.GetRunAsync(run.Id)).State.ShouldBe("awaiting_report");
    }

    [Fact]
    public async Task Callback_ForAFinishedRun_IsAnswered2xxAndChangesNothing()
    {
        var run = await AwaitingReportRunAsync();
        (await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 5, 2, 7))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 1, 1, 2));

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = await _harness.Api.GetRunAsync(run.Id);
        final.State.ShouldBe("succeeded");
        final.Report!.ShouldSatisfyAllConditions(r => r.Valid.ShouldBe(5), r => r.Invalid.ShouldBe(2), r => r.Total.ShouldBe(7));
    }

    [Fact]
    public async Task Callback_ASecondDifferentReport_IsAnswered2xxAndRecordedInTheHistoryWhileTheFirstStands()
    {
        var run = await AwaitingReportRunAsync();
        (await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 5, 2, 7))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 1, 6, 7));

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = await _harness.Api.GetRunAsync(run.Id);
        final.State.ShouldBe("succeeded");
        final.Report!.ShouldSatisfyAllConditions(r => r.Valid.ShouldBe(5), r => r.Invalid.ShouldBe(2), r => r.Total.ShouldBe(7));
        var noted = final.History.Single(h => h.Reason.Contains("second, different report")).Reason;
        noted.ShouldContain("second, different report");
        noted.ShouldContain("1 valid and 6 invalid of 7");
        noted.ShouldContain("the first said 5 valid and 2 invalid of 7 values");
        final.Calls.Last(c => c.Operation == "callback").Outcome.ShouldContain("the first report stands");
    }

    [Fact]
    public async Task Callback_TheSameReportAgain_AddsNothingToTheHistory()
    {
        var run = await AwaitingReportRunAsync();
        (await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 5, 2, 7))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = (await _harness.Api.GetRunAsync(run.Id)).History.Count(NotADownload);

        (await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 5, 2, 7))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _harness.Api.GetRunAsync(run.Id)).History.Count(NotADownload).ShouldBe(events);
    }

    [Fact]
    public async Task Report_NotReceivedWithinTheDeadline_FailsTheRunAndALateReportIsStillRecorded()
    {
        var run = await AwaitingReportRunAsync();

        _clock.Advance(TimeSpan.FromMinutes(61));
        var failed = await _harness.Api.WaitForAsync(run.Id);

        failed.State.ShouldBe("failed");
        failed.Failure.ShouldBe("report_timeout");
        failed.Reason.ShouldContain("No report from Insider One");
        failed.Reason.ShouldContain("downloaded the file");
        failed.Reason.ShouldNotContain("never downloaded");
        failed.History.ShouldContain(h => h.Reason == "Insider One downloaded the file.");

        (await PostCallbackAsync(run.Id, SecretFor(run.Id), Report(run.SegmentName, 3, 0, 3))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await _harness.Api.GetRunAsync(run.Id);
        late.State.ShouldBe("succeeded");
        late.Report!.Late.ShouldBeTrue();
        late.Reason.ShouldContain("reported late");
    }

    [Fact]
    public async Task Report_NotReceivedWhenInsiderOneNeverDownloadedTheFile_SaysSo()
    {
        await using var harness = await HeraldHarness.StartAsync(clock: _clock,
            simulatorOptions: new SimulatorOptions { ProcessingDelay = TimeSpan.FromHours(2) });
        var run = await AwaitingReportRunAsync(harness);

        _clock.Advance(TimeSpan.FromMinutes(61));
        var failed = await harness.Api.WaitForAsync(run.Id);

        failed.State.ShouldBe("failed");
        failed.Failure.ShouldBe("report_timeout");
        failed.Reason.ShouldContain("Insider One accepted the segment but never downloaded the file");
        failed.Reason.ShouldContain("Herald:PublicBaseUrl");
        failed.Reason.ShouldNotContain("unreachable");
    }

    [Fact]
    public async Task Report_NotReceivedWhileHeraldWasDown_SaysWhenHeraldWasUnreachable()
    {
        await using var harness = await HeraldHarness.StartAsync(clock: _clock,
            simulatorOptions: new SimulatorOptions { ProcessingDelay = TimeSpan.FromHours(2) });
        var run = await AwaitingReportRunAsync(harness);
        var stoppedAt = _clock.GetUtcNow();

        await harness.RestartAsync(clock: _clock, whileStopped: _ =>
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            return Task.CompletedTask;
        });
        var restartedAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(41));
        var failed = await harness.Api.WaitForAsync(run.Id);

        failed.State.ShouldBe("failed");
        failed.Reason.ShouldContain("never downloaded the file; Herald was unreachable from ");
        failed.Reason.ShouldContain($"to {restartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        var from = DateTimeOffset.Parse(failed.Reason.Split("unreachable from ")[1][..19] + "Z", System.Globalization.CultureInfo.InvariantCulture);
        from.ShouldBeInRange(stoppedAt.AddSeconds(-2), stoppedAt.AddSeconds(1));
    }

    [Fact]
    public async Task FileUrl_WithAChangedSignatureOrAfterItExpired_IsRefused()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Files");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);
        run.State.ShouldBe("succeeded", run.Reason);
        var fileUrl = FileUrlSentFor(run.SegmentName);
        using var insiderOne = new HttpClient();

        (await insiderOne.GetAsync(fileUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await insiderOne.GetAsync(fileUrl[..^3] + "AAA")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await insiderOne.GetAsync(fileUrl.Replace("expires=", "expires=9"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        _clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        (await insiderOne.GetAsync(fileUrl)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Insider One's download of the file is noted whenever the simulator gets to it.</summary>
    private static bool NotADownload(Herald.Server.Api.RunEventView entry) => entry.Reason != "Insider One downloaded the file.";

    private Task<Herald.Server.Api.RunView> AwaitingReportRunAsync() => AwaitingReportRunAsync(_harness);

    private static async Task<Herald.Server.Api.RunView> AwaitingReportRunAsync(HeraldHarness harness)
    {
        harness.Simulator.Faults.DropCallbacks = true;
        var destination = await harness.Api.AddDestinationWithCredentialAsync($"Awaiting {Guid.NewGuid():N}"[..24]);
        var started = await harness.Api.SendAsync(destination.Name, Query);
        var run = await harness.Api.WaitForAsync(started.Id, "awaiting_report");
        run.State.ShouldBe("awaiting_report", run.Reason);
        return run;
    }

    private string FileUrlSentFor(string segmentName)
    {
        var upload = _harness.Simulator.Requests.Single(r => r.Path.EndsWith("upload") && r.Body.Contains(segmentName));
        return JsonDocument.Parse(upload.Body).RootElement.GetProperty("fileUrl").GetString()!;
    }

    private string SecretFor(Guid runId) => InsiderOneCallbacks.SecretFor(_harness.Herald, runId);

    private Task<HttpResponseMessage> PostCallbackAsync(Guid runId, string secret, string body) =>
        InsiderOneCallbacks.PostAsync(_harness.Herald.BaseUrl, runId, secret, body);

    private static string Report(string segment, long valid, long invalid, long total) => InsiderOneCallbacks.Report(segment, valid, invalid, total);
}
