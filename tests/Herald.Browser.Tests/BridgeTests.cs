using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>
/// The bridges pages: a folder bridge added through the form (a path for a folder refused beside the field), the
/// tables ticked, synced with "Sync now", and the last syncs shown with their counts per table.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BridgeTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task AFolderBridge_IsAddedThroughTheForm_SyncedWithSyncNow_AndItsLastSyncShown()
    {
        var name = $"tables-{Unique.Suffix()}";
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/bridges");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a bridge" }).First.ClickAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Local folder" }).CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Folder (local folder target)").FillAsync("../outside");
        await page.GetByLabel("insider_events: one row per purchase or return").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();

        await Expect(page.Locator("#error-summary")).ToContainTextAsync("There is 1 problem to fix");
        await Expect(page.Locator("#Folder-error")).ToContainTextAsync("give a name (not a path)");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("insider_events: one row per purchase or return")).Not.ToBeCheckedAsync();

        await page.GetByLabel("Folder (local folder target)").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Connection tested: Herald can write the bridge's folder");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#share-state")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued");
        for (var attempt = 0; attempt < 60 && await page.Locator("#syncs [data-state='succeeded'], #syncs [data-state='failed']").CountAsync() == 0; attempt++)
        {
            // The sync runs in the server's worker; the page shows it as stored when loaded.
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("#syncs [data-state]").First).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(page.Locator("#syncs")).ToContainTextAsync("insider_users:");
        await Expect(page.Locator("#syncs")).ToContainTextAsync("rewritten");
        await Expect(page.Locator("#syncs")).Not.ToContainTextAsync("insider_events:");
        await herald.Screenshots.TakeAsync(page, "bridge-detail", forDocs: true);

        await page.GotoAsync("/bridges");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = name }).Locator("[data-state='succeeded']")).ToBeVisibleAsync();

        await page.GotoAsync("/runs");
        await Expect(page.Locator("#bridge-syncs")).ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }
}
