using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Updates;

/// <summary>
/// An audience over Insider One's file limit goes up as numbered segments when the destination allows it, each
/// followed to its own report; the next run keeps every value in its part. Without splitting it fails before uploading.
/// </summary>
public sealed class SplitAudienceTests : IAsyncLifetime
{
    // "memberNNN@example.com\n" is 22 bytes: 300 members take 6,600 bytes, over four files of 2,000.
    private const long Limit = 2_000;
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Herald:InsiderOne:MaxFileBytes"] = Limit.ToString(),
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SplitAudience_ArrivesWholeAcrossItsParts_AndTheRunsReportSumsThem()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "VIP customers", allowSplit: true);

        var run = await daily.RunAsync(Members.Query(100, 400));

        run.State.ShouldBe("succeeded", run.Reason);
        var parts = run.Parts!;
        parts.Count.ShouldBeGreaterThan(1);
        parts.Select(p => p.SegmentName).ShouldBe(Enumerable.Range(1, parts.Count).Select(n => $"VIP customers {n}/{parts.Count}"));
        var segments = parts.Select(p => _harness.Simulator.Segments.Single(s => s.Name == p.SegmentName)).ToList();
        segments.SelectMany(s => s.Values).ShouldBe(Members.Emails(100, 400), ignoreOrder: true, "every value arrives, in exactly one part");
        parts.ShouldAllBe(p => p.Bytes <= Limit && p.Report != null);
        run.Report!.Total.ShouldBe(300);
        run.Report.Valid.ShouldBe(parts.Sum(p => p.Report!.Valid));
        run.File!.Bytes.ShouldBe(parts.Sum(p => p.Bytes!.Value));
        run.Calls.Count(c => c.Operation == "upload" && c.Status == 200).ShouldBe(parts.Count);
        await _harness.Api.WaitForCallsAsync(run.Id, calls => calls.Count(c => c.Operation == "callback" && c.Outcome == "recorded") == parts.Count,
            $"{parts.Count} recorded callbacks, one per part");
    }

    [Fact]
    public async Task SplitAudience_OnTheNextRun_KeepsEveryValueInItsPart()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Stable parts", allowSplit: true);
        var first = await daily.RunAsync(Members.Query(100, 400));
        first.State.ShouldBe("succeeded", first.Reason);
        var partOf = PartsByValue(first);

        var second = await daily.RunAsync(Members.Query(102, 403));

        second.State.ShouldBe("succeeded", second.Reason);
        second.Parts!.Select(p => p.SegmentName).ShouldBe(first.Parts!.Select(p => p.SegmentName), "the same segments are updated");
        (second.Diff!.Added, second.Diff.Removed, second.Diff.Kept).ShouldBe((3, 2, 298));
        second.Diff.SegmentsLeftBehind.ShouldBeEmpty();
        var now = PartsByValue(second);
        now.Keys.ShouldBe(Members.Emails(102, 403), ignoreOrder: true);
        foreach (var (value, part) in now.Where(pair => partOf.ContainsKey(pair.Key)))
        {
            part.ShouldBe(partOf[value], $"{value} stays in its part");
        }
        second.Parts!.Sum(p => p.Diff!.Added).ShouldBe(3);
        second.Parts!.Sum(p => p.Diff!.Removed).ShouldBe(2);
        second.Parts!.ShouldAllBe(p => p.Bytes <= Limit);
    }

    [Fact]
    public async Task AudienceOverTheLimit_WithoutSplitting_FailsBeforeUploadingWithTheSizeTheLimitAndTheOption()
    {
        var daily = await DailyOrchestration.CreateAsync(_harness.Api, "Too big");

        var run = await daily.RunAsync(Members.Query(100, 400));

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("destination");
        run.Reason.ShouldContain("6,600 bytes");
        run.Reason.ShouldContain("2,000 bytes");
        run.Reason.ShouldContain("let the destination split the audience");
        run.NextStep!.ShouldContain($"herald destination update {run.Destination.Name} --allow-split");
        run.Calls.ShouldBeEmpty();
        _harness.Simulator.Segments.ShouldNotContain(s => s.Name == "Too big");
    }

    [Fact]
    public async Task SplitDestination_WhoseNameLeavesNoRoomForTheSuffix_IsRefused()
    {
        await _harness.Api.AddCredentialAsync("split-names");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput("long-split", "split-names", new string('x', 38), "email", null, AllowSplit: true));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("room for a part suffix");
    }

    [Theory]
    [InlineData(35)]
    [InlineData(36)]
    public async Task SplitDestination_WhoseNameFitsASmallSuffixButNotTenParts_IsRefusedWhenSavedWithTheRoomLeft(int length)
    {
        await _harness.Api.AddCredentialAsync($"split-room-{length}");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput($"split-room-{length}", $"split-room-{length}", new string('x', length), "email", null, AllowSplit: true));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain($"which leaves {40 - length} of Insider One's 40");
        problem.ShouldContain("' 10/12'");
        problem.ShouldContain("at most 34 characters");
    }

    [Fact]
    public async Task SplitDestination_SwitchedToSplitWithANameTooLongForTenParts_IsRefused()
    {
        await _harness.Api.AddCredentialAsync("split-switch");
        await _harness.Api.AddDestinationAsync("split-switch", "split-switch", new string('y', 36));

        var response = await _harness.Api.Http.PutAsJsonAsync("/api/destinations/split-switch", new DestinationUpdate(null, null, null, null, AllowSplit: true));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("which leaves 4 of Insider One's 40");
    }

    [Fact]
    public async Task SplitDestination_WithANameOf34Characters_IsSaved()
    {
        await _harness.Api.AddCredentialAsync("split-fits");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput("split-fits", "split-fits", new string('z', 34), "email", null, AllowSplit: true));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Dictionary<string, string> PartsByValue(RunView run) =>
        run.Parts!.SelectMany(p => _harness.Simulator.Segments.Single(s => s.Name == p.SegmentName).Values.Select(v => (Value: v, p.SegmentName)))
            .ToDictionary(pair => pair.Value, pair => pair.SegmentName);
}
