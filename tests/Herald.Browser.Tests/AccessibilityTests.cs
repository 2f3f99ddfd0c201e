using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>Every page works without JavaScript, every field has a label, and the keyboard reaches the menu.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(HeraldInBrowser herald)
{
    private static readonly string[] FormPages = ["/credentials/new", "/destinations/new", "/orchestrations/new", "/runs"];

    [Fact]
    public async Task WithoutJavaScript_ACredentialIsAddedAndTheRunPageShowsTheOutcome()
    {
        var (_, destination) = await herald.AddDestinationAsync($"No script {Unique.Suffix()}");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, "SELECT email FROM Customer_360 LIMIT 5")).Id);
        var page = await herald.SignedInPageAsync(javaScript: false);
        var name = $"noscript-{Unique.Suffix()}";

        await page.GotoAsync("/credentials/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Partner name").FillAsync(HeraldInBrowser.PartnerName);
        await page.GetByLabel("API token").FillAsync("a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the credential" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToBeVisibleAsync();

        await page.GotoAsync($"/runs/{run.Id}");
        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(page.Locator("[data-count=values-sent]")).ToHaveTextAsync("5");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryFieldOnEveryForm_HasALabel_AndTheKeyboardReachesTheMenuFirst()
    {
        var page = await herald.SignedInPageAsync();
        foreach (var path in FormPages)
        {
            await page.GotoAsync(path);
            // A page that renders no form would pass the label check below with nothing checked.
            (await page.Locator("form input:not([type=hidden]), form select, form textarea").CountAsync()).ShouldBeGreaterThan(1, $"the form fields of {path}");
            var unlabelled = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                    .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
                    .map(el => el.name || el.id)
                """);
            unlabelled.ShouldBeEmpty($"fields without a label on {path}");
        }

        await page.GotoAsync("/runs");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
