using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>
/// A saved segment is added on its page with a preview of its size and of how many members each identifier reaches,
/// then sent through a destination by an orchestration that chooses the identifier column.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SegmentPageTests(HeraldInBrowser herald)
{
    [Fact]
    public async Task AddingASegment_PreviewsItsSizeAndIdentifierCounts_ThenAnOrchestrationSendsItThroughItsEmails()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Segment page {Unique.Suffix()}");
        var name = $"gold-{Unique.Suffix()}";
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/segments/new");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("SQL", new() { Exact = true }).FillAsync("SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'gold'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the segment" }).ClickAsync();

        var size = page.Locator("[data-segment-size]");
        await Expect(size).ToContainTextAsync("member(s)");
        int.Parse(await size.GetAttributeAsync("data-segment-size") ?? "0", System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        await Expect(page.Locator("[data-identifier]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-identifier=email] [data-count=usable]")).Not.ToHaveTextAsync("0");
        await herald.Screenshots.TakeAsync(page, "segment-preview", forDocs: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the segment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"The segment {name}", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Send it through a destination" }).ClickAsync();

        await Expect(page.GetByLabel("A saved segment, through an identifier column")).ToBeCheckedAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"{name}-emails");
        await page.GetByLabel("Destination").SelectOptionAsync(destination);
        await page.GetByLabel("Identifier column", new() { Exact = true }).FillAsync("email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the orchestration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name}-emails", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync($"/segments/{name}");
        await Expect(page.Locator("[data-used-by]")).ToContainTextAsync($"{name}-emails");
        await page.Context.CloseAsync();
    }
}
