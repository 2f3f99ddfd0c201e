using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>
/// The credential hand-over link in the browser: an Operator asks for a credential on the Credentials page, the
/// account holder opens the link without signing in, types a token Insider One (the simulator) refuses, then a good one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoverTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task HandoverLink_WithABadThenAGoodToken_StoresTheCredentialOnce_AndTheRequesterSeesItUsed()
    {
        var name = $"handed-{Unique.Suffix()}";
        var operatorPage = await herald.SignedInPageAsync();
        await operatorPage.GotoAsync("/credentials");
        await operatorPage.GetByLabel("Credential name").FillAsync(name);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Request from the account holder" }).ClickAsync();
        var link = (await operatorPage.Locator("#handover-link-text").InnerTextAsync()).Trim();
        link.ShouldContain("/handover/");

        var holder = await herald.NewPageAsync(width: 390);
        await holder.GotoAsync(new Uri(link).AbsolutePath);
        await Expect(holder.Locator(".lead")).ToContainTextAsync(name);
        await holder.GetByLabel("Partner name").FillAsync(HeraldInBrowser.PartnerName);
        await holder.GetByLabel("API token").FillAsync("wrong-token");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Check and hand over" }).ClickAsync();
        await Expect(holder.Locator("#error-summary")).ToContainTextAsync("the connection test failed");
        (await holder.ContentAsync()).ShouldNotContain("wrong-token");

        await holder.GetByLabel("Partner name").FillAsync(HeraldInBrowser.PartnerName);
        await holder.GetByLabel("API token").FillAsync(HeraldInBrowser.Token);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Check and hand over" }).ClickAsync();
        await Expect(holder.Locator("#handover-done")).ToContainTextAsync(name);
        await herald.Screenshots.TakeAsync(holder, "credential-handover");

        await holder.GotoAsync(new Uri(link).AbsolutePath);
        await Expect(holder.Locator("#error-summary")).ToContainTextAsync("This link is no longer valid");
        await holder.Context.CloseAsync();

        await operatorPage.GotoAsync("/credentials");
        await Expect(operatorPage.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).First).ToContainTextAsync("Insider One");
        await Expect(operatorPage.Locator("#handover-links").GetByRole(AriaRole.Row).Filter(new() { HasText = name })).Not.ToContainTextAsync("not yet");
        (await operatorPage.ContentAsync()).ShouldNotContain(new Uri(link).AbsolutePath);
        await operatorPage.Context.CloseAsync();
    }
}
