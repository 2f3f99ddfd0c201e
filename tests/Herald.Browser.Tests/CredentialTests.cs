using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>Credentials are added, rotated and deleted through forms; the token is never shown back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CredentialTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task AddingACredential_ShowsEachProblemByItsField_KeepsWhatWasTyped_ThenListsItWithoutTheToken()
    {
        var page = await herald.SignedInPageAsync();
        var name = $"insider-{Unique.Suffix()}";

        await page.GotoAsync("/credentials/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Partner name").FillAsync("Herald Demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the credential" }).ClickAsync();

        var summary = page.Locator("#error-summary");
        await Expect(summary).ToContainTextAsync("There are 2 problems to fix");
        await Expect(page.Locator("#PartnerName-error")).ToContainTextAsync("must be lowercase without spaces");
        await Expect(page.Locator("#ApiToken-error")).ToContainTextAsync("The API token is empty");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Partner name")).ToHaveAttributeAsync("aria-invalid", "true");
        await herald.Screenshots.TakeAsync(page, "credential-form-validation");

        await page.GetByLabel("Partner name").FillAsync(HeraldInBrowser.PartnerName);
        await page.GetByLabel("API token").FillAsync("secret-token-never-shown");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the credential" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved the credential '{name}'");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Insider One");
        await Expect(row).ToContainTextAsync("0 destinations");
        (await page.ContentAsync()).ShouldNotContain("secret-token-never-shown");
        await herald.Screenshots.TakeAsync(page, "credentials");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditingACredential_RotatesTheTokenWithoutShowingTheOldOne_AndDeleteIsRefusedWhileADestinationUsesIt()
    {
        var (credential, destination) = await herald.AddDestinationAsync($"Rotate {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/credentials/{credential}/edit");
        var token = page.GetByLabel("New API token");
        await Expect(token).ToHaveValueAsync("");
        (await page.ContentAsync()).ShouldNotContain(HeraldInBrowser.Token);
        await Expect(page.Locator(".lead")).ToContainTextAsync(destination);
        await token.FillAsync(HeraldInBrowser.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("with its new token");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = credential });
        await Expect(row).ToContainTextAsync("1 destination");
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Delete") }).ClickAsync();

        var alert = page.Locator("#error-summary");
        await Expect(alert).ToContainTextAsync($"The credential '{credential}' was not deleted");
        await Expect(alert).ToContainTextAsync($"'{destination}'");
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = destination })).ToHaveAttributeAsync("href", $"/destinations/{destination}/edit");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = credential })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
