using System.Net.Http.Json;
using Herald.Server.Api;
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

    [Fact]
    public async Task FixingACredentialFromAFailedRun_KeepsWhatWasTypedButTheToken_TestsOnDemand_AndReturnsToTheRun()
    {
        var (credential, destination) = await herald.AddDestinationAsync($"Fix {Unique.Suffix()}", token: "wrong-token");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'")).Id);
        run.State.ShouldBe("failed");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/runs/{run.Id}");
        await page.Locator(".next-step").GetByRole(AriaRole.Link, new() { Name = "Update the credential" }).ClickAsync();
        await Expect(page.Locator("[data-return-to]")).ToHaveAttributeAsync("data-return-to", run.Id.ToString());

        // A refusal keeps every field as typed except the token, and says so.
        await page.GetByLabel("Partner name").FillAsync("Herald Demo");
        await page.GetByLabel("New API token").FillAsync(HeraldInBrowser.Token);
        await page.GetByLabel("Description").FillAsync("fixed after the 401");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#PartnerName-error")).ToContainTextAsync("must be lowercase without spaces");
        await Expect(page.GetByLabel("Partner name")).ToHaveValueAsync("Herald Demo");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("fixed after the 401");
        await Expect(page.GetByLabel("New API token")).ToHaveValueAsync("");
        await Expect(page.Locator("[data-token-cleared]")).ToHaveTextAsync("The token field was cleared for safety: enter it again.");
        (await page.ContentAsync()).ShouldNotContain(HeraldInBrowser.Token);

        // "Test connection" tries what is typed, saves nothing, and answers in place.
        await page.GetByLabel("Partner name").FillAsync(HeraldInBrowser.PartnerName);
        await page.GetByLabel("New API token").FillAsync("still-wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.Locator("[data-connection-test]")).ToHaveAttributeAsync("data-connection-test", "fail");
        await Expect(page.Locator("[data-connection-test]")).ToContainTextAsync("401");
        await page.GetByLabel("New API token").FillAsync(HeraldInBrowser.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.Locator("[data-connection-test]")).ToHaveAttributeAsync("data-connection-test", "pass");
        await Expect(page.Locator("[data-connection-test]")).ToContainTextAsync("Nothing was saved");
        var stored = await herald.Api.GetFromJsonAsync<CredentialView>($"/api/credentials/{credential}");
        stored!.Description.ShouldBeNull();

        // Saved, the fix returns to the run it was started from, which now runs again with the new token.
        await page.GetByLabel("New API token").FillAsync(HeraldInBrowser.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/runs/{run.Id}$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved the credential" })).ToContainTextAsync("Run it again from here");
        await page.Locator(".next-step").GetByRole(AriaRole.Button, new() { Name = "Run again" }).ClickAsync();
        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("https://evil.example/runs")]
    [InlineData("//evil.example")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task EditingACredential_WithAReturnToThatIsNotAnExistingRun_IgnoresIt_AndNeverLeavesHerald(string returnTo)
    {
        var (credential, _) = await herald.AddDestinationAsync($"Return {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/credentials/{credential}/edit?returnTo={Uri.EscapeDataString(returnTo)}");
        await Expect(page.Locator("[data-return-to]")).ToHaveCountAsync(0);
        // The same value forged into the form's post is dropped as well.
        await page.Locator("form.card").EvaluateAsync(
            "(form, value) => { const input = document.createElement('input'); input.type = 'hidden'; input.name = 'ReturnTo'; input.value = value; form.appendChild(input); }",
            returnTo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/credentials$"));
        page.Url.ShouldStartWith(herald.Herald.BaseUrl.ToString().TrimEnd('/'));
        await page.Context.CloseAsync();
    }
}
