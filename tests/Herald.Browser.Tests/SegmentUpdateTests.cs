using System.Net.Http.Json;
using Herald.Browser.Tests.Support;
using Herald.Server.Api;

namespace Herald.Browser.Tests;

/// <summary>Segment updates in the web UI: the destination's update mode and splitting, and what a run changed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SegmentUpdateTests(HeraldInBrowser herald)
{
    private static string Members(int from, int to) =>
        $"SELECT 'member' || i || '@example.com' AS email FROM range({from}, {to}) AS t(i)";

    [Fact]
    public async Task TheDestinationForm_SavesTheUpdateModeAndSplitting()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Modes {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/destinations/{destination}/edit");

        await page.GetByLabel("Update mode").SelectOptionAsync("add");
        await page.GetByLabel("Split an audience over Insider One's file limit into numbered segments").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save changes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved the destination '{destination}'");
        var saved = (await herald.Api.GetFromJsonAsync<DestinationView>($"/api/destinations/{destination}"))!;
        saved.UpdateMode.ShouldBe("add");
        saved.AllowSplit.ShouldBeTrue();
        await page.GotoAsync($"/destinations/{destination}/edit");
        await Expect(page.GetByLabel("Update mode")).ToHaveValueAsync("add");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDestinationForm_RefusesSplittingForASegmentNameWithoutRoomForTenParts_SayingTheRoomLeft()
    {
        var segmentName = $"Room {Unique.Suffix()} ".PadRight(36, 'x')[..36];
        var (_, destination) = await herald.AddDestinationAsync(segmentName);
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/destinations/{destination}/edit");

        await page.GetByLabel("Split an audience over Insider One's file limit into numbered segments").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save changes" }).ClickAsync();

        await Expect(page.Locator("#SegmentName-error")).ToContainTextAsync("which leaves 4 of Insider One's 40");
        await Expect(page.Locator("#SegmentName-error")).ToContainTextAsync("at most 34 characters");
        var saved = (await herald.Api.GetFromJsonAsync<DestinationView>($"/api/destinations/{destination}"))!;
        saved.AllowSplit.ShouldBeFalse();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARunPage_ShowsWhatChanged_AndAGuardedRunRunsAgainPastTheGuard()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Changes {Unique.Suffix()}");
        (await herald.WaitForFinalAsync((await herald.SendAsync(destination, Members(0, 100))).Id)).State.ShouldBe("succeeded");
        var guarded = await herald.WaitForFinalAsync((await herald.SendAsync(destination, Members(95, 103))).Id);
        guarded.Failure.ShouldBe("shrink_guard");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{guarded.Id}");

        await Expect(page.Locator("[data-diff=added]")).ToHaveTextAsync("+3");
        await Expect(page.Locator("[data-diff=removed]")).ToHaveTextAsync("−95");
        await Expect(page.Locator("[data-diff=kept]")).ToHaveTextAsync("5");
        await Expect(page.Locator(".next-step")).ToContainTextAsync("shrink guard");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download a sample of the changed values" }).ClickAsync());
        var sample = await File.ReadAllTextAsync((await download.PathAsync())!);
        sample.ShouldStartWith("change,value\n");
        sample.ShouldContain("removed,member");
        await herald.Screenshots.TakeAsync(page, "run-shrink-guard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run again past the shrink guard" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/runs/") && !url.Contains(guarded.Id.ToString()));
        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator("#diff-title")).ToBeVisibleAsync();
        await Expect(page.Locator(".card").Filter(new() { HasText = "What changed in the segment" })).ToContainTextAsync("forced past the shrink guard");
        await page.Context.CloseAsync();
    }
}
