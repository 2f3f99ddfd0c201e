using System.Net.Http.Json;
using Herald.Browser.Tests.Support;
using Herald.Server.Api;

namespace Herald.Browser.Tests;

/// <summary>
/// An orchestration's page shows its schedule: set from the form (a bad time zone is refused beside its field), then its
/// next five runs in the schedule's zone and in UTC, paused and resumed with a button. A bridge's page does the same
/// for its syncs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScheduleTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task SchedulingAnOrchestration_ShowsTheNextFiveRunsInItsZoneAndInUtc_ThenPausesAndResumes()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Scheduled {Unique.Suffix()}");
        var orchestration = await herald.AddOrchestrationAsync(destination, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/orchestrations/{orchestration}");
        await Expect(page.Locator("#schedule-description")).ToHaveTextAsync("by hand only");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change the schedule" }).ClickAsync();
        await page.GetByLabel("On a cron expression").CheckAsync();
        await page.GetByLabel("Cron expression", new() { Exact = true }).FillAsync("0 6 * * *");
        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Europe/Atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the schedule" }).ClickAsync();
        await Expect(page.Locator("#TimeZone-error")).ToContainTextAsync("Unknown time zone 'Europe/Atlantis'");
        await Expect(page.GetByLabel("Cron expression", new() { Exact = true })).ToHaveValueAsync("0 6 * * *");

        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Europe/Istanbul");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the schedule" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = orchestration, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#schedule-description")).ToHaveTextAsync("cron '0 6 * * *' in Europe/Istanbul");
        await Expect(page.Locator("#schedule-state")).ToHaveTextAsync("Active");
        var rows = page.Locator("#schedule-next-runs tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        for (var i = 0; i < 5; i++)
        {
            await Expect(rows.Nth(i).Locator("td").First).ToContainTextAsync("06:00 (UTC+03:00)");
            await Expect(rows.Nth(i).Locator("td").Last).ToContainTextAsync("03:00 UTC");
        }
        await Expect(page.Locator("#schedule-next-runs thead")).ToContainTextAsync("Europe/Istanbul");
        await herald.Screenshots.TakeAsync(page, "orchestration-schedule", forDocs: true);

        await page.Locator("#schedule").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator("#schedule-state")).ToHaveTextAsync("Paused");
        await Expect(page.Locator("#schedule-paused-reason")).ToContainTextAsync("Paused by admin");
        await Expect(page.Locator("#schedule-next-runs")).ToHaveCountAsync(0);

        await page.Locator("#schedule").GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("#schedule-state")).ToHaveTextAsync("Active");
        await Expect(rows).ToHaveCountAsync(5);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SchedulingABridge_AfterAnOrchestration_IsShownOnTheBridgePage_ThenPaused()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Bridged {Unique.Suffix()}");
        var orchestration = await herald.AddOrchestrationAsync(destination, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        var bridge = $"scheduled-{Unique.Suffix()}";
        (await herald.Api.PostAsJsonAsync("/api/bridges", new BridgeInput(bridge, "folder", Folder: bridge, Tables: [new BridgeTableInput("insider_users")]))).EnsureSuccessStatusCode();
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/bridges/{bridge}");
        await Expect(page.Locator("#schedule-description")).ToHaveTextAsync("by hand only");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change the schedule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Schedule of {bridge}", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("After an orchestration succeeds").CheckAsync();
        await page.GetByLabel("Run after").SelectOptionAsync(orchestration);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the schedule" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = bridge, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#schedule-description")).ToHaveTextAsync($"after orchestration '{orchestration}' succeeds");
        await page.Locator("#schedule").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = bridge, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#schedule-state")).ToHaveTextAsync("Paused");
        await page.Context.CloseAsync();
    }
}
