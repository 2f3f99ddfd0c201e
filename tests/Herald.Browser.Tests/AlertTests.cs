using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>An alert rule is added through its form, tested, and its page shows each delivery with its attempts and errors; its secret never.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertTests(HeraldInBrowser herald)
{
    private const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6YmUH0nVT5A=";

    [Fact]
    public async Task AddingAWebhookRule_ShowsProblemsByField_ThenATestAlertShowsItsFailedAttemptWithTheError()
    {
        var name = $"hook-{Unique.Suffix()}";
        var page = await herald.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an alert rule" }).First.ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Webhook URL").FillAsync("http://hooks.herald.invalid/alerts");
        await page.GetByLabel("Secret", new() { Exact = true }).FillAsync("not-a-signing-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the alert rule" }).ClickAsync();

        await Expect(page.Locator("#error-summary")).ToContainTextAsync("2 problems");
        await Expect(page.Locator("#WebhookUrl-error")).ToContainTextAsync("https://");
        await Expect(page.Locator("#Secret-error")).ToContainTextAsync("whsec_");
        await Expect(page.GetByLabel("Secret", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);

        // A name that cannot resolve: the attempt fails, and the page says how.
        await page.GetByLabel("Webhook URL").FillAsync("https://hooks.herald.invalid/alerts");
        await page.GetByLabel("Secret", new() { Exact = true }).FillAsync(SigningSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the alert rule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved the alert rule '{name}'");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test alert" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Queued a test alert");
        var attempt = page.Locator(".attempts li").First;
        for (var tries = 0; tries < 60 && await attempt.CountAsync() == 0; tries++)
        {
            // The page is rendered on the server: reload until the first attempt is recorded.
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
        }
        await Expect(attempt).ToContainTextAsync("failed");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Deliveries" })).ToContainTextAsync("Waiting to retry");
        (await page.ContentAsync()).ShouldNotContain(SigningSecret["whsec_".Length..]);
        await herald.Screenshots.TakeAsync(page, "alert-rule");

        await page.GotoAsync("/alerts");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("https://hooks.herald.invalid/alerts");
        await page.Context.CloseAsync();
    }
}
