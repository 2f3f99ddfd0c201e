using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;
using Herald.Tests.Updates;

namespace Herald.Tests.Security;

/// <summary>
/// A callback URL in the wrong hands (or a confused Insider One) cannot grow a run without bound, make it report what
/// cannot be true, or leave it stuck: impossible reports are refused and said in the history, replays are counted.
/// </summary>
public sealed class CallbackAbuseTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:InsiderOne:MaxFileBytes"] = "2000" });
        _harness.Simulator.Faults.DropCallbacks = true;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Callback_ReplayedManyTimesAfterTheRunEnded_IsCountedOnceAndChangesNothing()
    {
        var run = await AwaitingReportRunAsync(Members.Query(0, 20));
        var report = InsiderOneCallbacks.Report(run.SegmentName, 20, 0, 20, padding: new string('p', 15_000));
        (await PostAsync(run, report)).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var replay = 0; replay < 300; replay++)
        {
            (await PostAsync(run, report)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var after = await _harness.Api.GetRunAsync(run.Id);
        after.State.ShouldBe("succeeded");
        after.Report!.Total.ShouldBe(20);
        var callbacks = after.Calls.Where(call => call.Operation == "callback").ToList();
        callbacks.Count.ShouldBe(2, "the report, and one entry counting its replays");
        callbacks[1].Attempt.ShouldBe(300);
        (await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}")).Length.ShouldBeLessThan(100_000);
    }

    [Theory]
    [InlineData(21, 0, 21, "more than the 20")]
    [InlineData(5, 1, 20, "do not add up")]
    [InlineData(9_000_000_000_000_000_000, 0, 9_000_000_000_000_000_000, "more than the 20")]
    [InlineData(9_000_000_000_000_000_000, 9_000_000_000_000_000_000, 0, "do not add up")]
    public async Task Callback_WithCountsThatCannotBeTrue_IsRefusedSaidInTheHistoryAndTheRunStillWaits(long valid, long invalid, long total, string why)
    {
        var run = await AwaitingReportRunAsync(Members.Query(0, 20));

        var response = await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, valid, invalid, total));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(why);
        var after = await _harness.Api.GetRunAsync(run.Id);
        after.State.ShouldBe("awaiting_report");
        after.History.ShouldContain(e => e.Reason.Contains("Refused a report") && e.Reason.Contains(why));
        (await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, 20, 0, 20))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _harness.Api.GetRunAsync(run.Id)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task Callback_AfterTheRunEnded_WithImpossibleCounts_IsRefusedAndManyDifferentOnesAddOneNote()
    {
        var run = await AwaitingReportRunAsync(Members.Query(0, 20));
        (await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, 20, 0, 20))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ended = await _harness.Api.GetRunAsync(run.Id);

        var impossible = await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, 5, 1, 20));
        for (var valid = 0; valid < 20; valid++)
        {
            (await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, valid, 20 - valid, 20))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, valid, 0, valid + 1))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        impossible.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await impossible.Content.ReadAsStringAsync()).ShouldContain("do not add up");
        var after = await _harness.Api.GetRunAsync(run.Id);
        after.State.ShouldBe("succeeded");
        after.Report!.Valid.ShouldBe(20);
        after.History.Count(e => e.Reason.Contains("Refused a report")).ShouldBe(1, "impossible reports after the end are noted once");
        after.History.Count(e => e.Reason.Contains("second, different report")).ShouldBe(1, "differing reports are noted once");
        after.History.Count.ShouldBeLessThan(ended.History.Count + 10);
    }

    [Fact]
    public async Task Callback_NamingAFieldTwice_IsRefused()
    {
        var run = await AwaitingReportRunAsync(Members.Query(0, 20));
        var body = InsiderOneCallbacks.Report(run.SegmentName, 20, 0, 20).TrimEnd().TrimEnd('}') + ",\"valid_values_count\":0}";

        var response = await PostAsync(run, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        (await response.Content.ReadAsStringAsync()).ShouldContain("more than once");
        (await _harness.Api.GetRunAsync(run.Id)).State.ShouldBe("awaiting_report");
    }

    [Fact]
    public async Task Callback_OnASplitRunWithHugeCounts_NeverFailsWithA500NorLeavesTheRunStuck()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await _harness.Api.AddCredentialAsync($"cred-{suffix}");
        (await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput($"dest-{suffix}", $"cred-{suffix}", $"Split {suffix}", "email", null, AllowSplit: true))).EnsureSuccessStatusCode();
        var started = await _harness.Api.SendAsync($"dest-{suffix}", Members.Query(100, 400));
        var run = await _harness.Api.WaitForAsync(started.Id, "awaiting_report");
        run.Parts.ShouldNotBeNull().Count.ShouldBeGreaterThan(1);

        foreach (var part in run.Parts)
        {
            var huge = await PostAsync(run, InsiderOneCallbacks.Report(part.SegmentName, long.MaxValue, 0, long.MaxValue));
            huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        foreach (var part in run.Parts)
        {
            var real = await PostAsync(run, InsiderOneCallbacks.Report(part.SegmentName, part.Values, 0, part.Values));
            real.StatusCode.ShouldBe(HttpStatusCode.OK, await real.Content.ReadAsStringAsync());
        }

        var after = await _harness.Api.GetRunAsync(run.Id);
        after.State.ShouldBe("succeeded");
        after.Report!.Total.ShouldBe(300);
    }

    [Fact]
    public async Task Callback_ThatEchoesTheToken_IsRecordedWithoutIt()
    {
        var run = await AwaitingReportRunAsync(Members.Query(0, 20), token: "demo-token");

        var response = await PostAsync(run, InsiderOneCallbacks.Report(run.SegmentName, 20, 0, 20, padding: "sent with token demo-token"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var recorded = await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}");
        recorded.ShouldContain("sent with token ***");
        recorded.ShouldNotContain("demo-token");
    }

    private async Task<RunView> AwaitingReportRunAsync(string query, string token = "demo-token")
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync($"Abuse {Guid.NewGuid():N}"[..20], token: token);
        var started = await _harness.Api.SendAsync(destination.Name, query);
        var run = await _harness.Api.WaitForAsync(started.Id, "awaiting_report");
        run.State.ShouldBe("awaiting_report", run.Reason);
        return run;
    }

    private Task<HttpResponseMessage> PostAsync(RunView run, string body) =>
        InsiderOneCallbacks.PostAsync(_harness.Herald.BaseUrl, run.Id, InsiderOneCallbacks.SecretFor(_harness.Herald, run.Id), body);
}
