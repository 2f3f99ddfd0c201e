using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>
/// The destination form in steps: plugin (filterable), credential, name, then segment and attribute with
/// their rules checked as the user types; saving tries the credential against Insider One.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DestinationTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task TheForm_FiltersPlugins_ChecksTheRulesAsTheUserTypes_AndRefusesBadNamesOnSave()
    {
        var (credential, _) = await herald.AddDestinationAsync($"Other {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/destinations/new");

        var filter = page.GetByLabel("Filter plugins");
        await filter.FillAsync("xyz");
        await Expect(page.GetByText("No plugin matches")).ToBeVisibleAsync();
        await filter.FillAsync("ins");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Insider One" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Insider One" }).CheckAsync();
        await page.GetByLabel("Credential", new() { Exact = true }).SelectOptionAsync(credential);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"vip-{Unique.Suffix()}");

        var segment = page.GetByLabel("Segment name");
        await segment.PressSequentiallyAsync("VIP customers who bought twice this month");
        await Expect(page.Locator("#SegmentName-live")).ToContainTextAsync("Insider One allows at most 40");
        await Expect(page.Locator("#SegmentName-count")).ToHaveTextAsync("41 / 40");
        var attribute = page.GetByLabel("Attribute name");
        await attribute.FillAsync("");
        await attribute.PressSequentiallyAsync("Email Address");
        await Expect(page.Locator("#AttributeName-live")).ToContainTextAsync("did you mean 'email_address'");

        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();

        await Expect(page.Locator("#error-summary")).ToContainTextAsync("There are 2 problems to fix");
        await Expect(page.Locator("#SegmentName-error")).ToContainTextAsync("has 41 characters; Insider One allows at most 40");
        await Expect(page.Locator("#AttributeName-error")).ToContainTextAsync("must be lowercase letters, digits and '_'");
        await Expect(segment).ToHaveValueAsync("VIP customers who bought twice this month");
        await Expect(page.GetByLabel("Credential", new() { Exact = true })).ToHaveValueAsync(credential);
        await herald.Screenshots.TakeAsync(page, "destination-form-validation", forDocs: true);

        await segment.FillAsync("VIP customers");
        await attribute.FillAsync("email");
        await Expect(page.Locator("#AttributeName-live")).ToContainTextAsync("checked as email addresses");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Connection tested: Insider One accepted the partner name");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Destinations", Level = 1 })).ToBeVisibleAsync();
        await herald.Screenshots.TakeAsync(page, "destinations");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Saving_WithACredentialInsiderOneRefuses_ShowsTheFailure_AndKeepsEverythingTyped()
    {
        var (credential, _) = await herald.AddDestinationAsync($"Refused {Unique.Suffix()}", token: "wrong-token");
        var name = $"refused-{Unique.Suffix()}";
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/destinations/new");

        await page.GetByLabel("Credential", new() { Exact = true }).SelectOptionAsync(credential);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Description").FillAsync("Gold customers for the winter campaign");
        await page.GetByLabel("Segment name").FillAsync("Winter gold");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();

        var failure = page.Locator("#connection-error");
        await Expect(failure).ToContainTextAsync("The connection test failed");
        await Expect(failure).ToContainTextAsync("401 Unauthorized");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("Gold customers for the winter campaign");
        await Expect(page.GetByLabel("Segment name")).ToHaveValueAsync("Winter gold");
        (await herald.Api.GetAsync($"/api/destinations/{name}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        await herald.Screenshots.TakeAsync(page, "destination-connection-failed");

        await page.GetByLabel("Save without a successful connection test").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("without a successful connection test");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Winter gold");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditingADestination_KeepsItsName_SetsItsShrinkGuard_AndTestsTheConnectionAgain()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Before {Unique.Suffix()}");
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/destinations");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = destination }).GetByRole(AriaRole.Link, new() { Name = $"Edit {destination}" }).ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("readonly", "");
        var renamed = $"After {Unique.Suffix()}";
        await page.GetByLabel("Segment name").FillAsync(renamed);
        await page.GetByLabel("Shrink guard").FillAsync("0.2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the connection and save changes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved the destination '{destination}'. Connection tested");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = destination })).ToContainTextAsync(renamed);
        (await herald.Api.GetFromJsonAsync<DestinationView>($"/api/destinations/{destination}"))!.ShrinkGuardShare.ShouldBe(0.2, "the page sets the shrink guard as the API does");
        await page.Context.CloseAsync();
    }
}
