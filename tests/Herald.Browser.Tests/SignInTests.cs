using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>The UI asks for the API key, like the REST API, and keeps the session in a strict HttpOnly cookie.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task Pages_WithoutSigningIn_SendToTheSignInPage_AndAWrongKeyIsRefusedInPlainWords()
    {
        var page = await herald.NewPageAsync();

        await page.GotoAsync("/runs");
        page.Url.ShouldContain("/signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Herald" })).ToBeVisibleAsync();
        await page.GetByLabel("API key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key is not a working API key of an enabled user");
        await herald.Screenshots.TakeAsync(page, "sign-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningIn_WithTheApiKey_OpensTheRequestedPage_WithAStrictHttpOnlyCookie()
    {
        var page = await herald.NewPageAsync();

        await page.GotoAsync("/credentials");
        await page.GetByLabel("API key").FillAsync(herald.Herald.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credentials", Level = 1 })).ToBeVisibleAsync();
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "herald.session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Strict);
        session.Value.ShouldNotContain(herald.Herald.ApiKey);

        // The REST API keeps its header key: the UI's cookie does not open it.
        var api = await page.APIRequest.GetAsync("/api/credentials");
        api.Status.ShouldBe(401);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Herald" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/signin");
        await page.Context.CloseAsync();
    }
}
