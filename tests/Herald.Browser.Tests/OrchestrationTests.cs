using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>
/// An orchestration is added with a preview of its query and the column check, run against the simulator,
/// and its run page updates itself until Insider One's report arrives.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrchestrationTests(HeraldInBrowser herald)
{
    private const string GoldEmails = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";

    [Fact]
    public async Task AddingAnOrchestration_PreviewsTheQueryWithTheColumnCheck_ThenRunNowReachesSucceededWithInsiderOnesCounts()
    {
        var segment = $"Gold {Unique.Suffix()}";
        var (_, destination) = await herald.AddDestinationAsync(segment);
        var name = $"gold-{Unique.Suffix()}";
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/orchestrations/new");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Destination").SelectOptionAsync(destination);
        await page.GetByLabel("Query", new() { Exact = true }).FillAsync("SELECT email, loyalty_tier FROM Customer_360");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the first 100 rows" }).ClickAsync();

        var check = page.Locator("[data-column-check]");
        await Expect(check).ToHaveAttributeAsync("data-column-check", "fail");
        await Expect(check).ToContainTextAsync("returns 2 columns ('email', 'loyalty_tier'); it must return exactly one column named 'email'");
        await Expect(page.GetByLabel("Query", new() { Exact = true })).ToHaveValueAsync("SELECT email, loyalty_tier FROM Customer_360");

        await page.GetByLabel("Query", new() { Exact = true }).FillAsync(GoldEmails);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the first 100 rows" }).ClickAsync();
        await Expect(check).ToHaveAttributeAsync("data-column-check", "pass");
        await Expect(check).ToContainTextAsync("One column named 'email'");
        var previewRows = page.Locator("#preview tbody tr");
        (await previewRows.CountAsync()).ShouldBeInRange(1, 100);
        await Expect(previewRows.First).ToContainTextAsync("@");
        await herald.Screenshots.TakeAsync(page, "orchestration-preview", forDocs: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the orchestration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await herald.Screenshots.TakeAsync(page, "orchestration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        // The run page opens while the run is in flight and reaches "succeeded" by itself, without a reload.
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Run [0-9a-f]{8}$") })).ToBeVisibleAsync();
        var state = page.Locator(".status-line .badge");
        (await state.GetAttributeAsync("data-state")).ShouldNotBe("succeeded");
        var marker = await page.EvaluateAsync<string>("() => (window.heraldLoaded = 'same page')");
        await Expect(state).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        (await page.EvaluateAsync<string>("() => window.heraldLoaded")).ShouldBe(marker);

        var sent = await page.Locator("[data-count=values-sent]").InnerTextAsync();
        await Expect(page.Locator("[data-count=valid]")).ToHaveTextAsync(sent);
        await Expect(page.Locator("[data-count=invalid]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-count=total]")).ToHaveTextAsync(sent);
        await Expect(page.Locator("table.steps")).ToContainTextAsync("awaiting report");
        await Expect(page.Locator("svg.timeline rect")).Not.ToHaveCountAsync(0);
        await page.Locator("details.call summary").Filter(new() { HasText = "upload" }).First.ClickAsync();
        var upload = page.Locator("details.call[open]");
        await Expect(upload).ToContainTextAsync(segment);
        (await page.ContentAsync()).ShouldNotContain(HeraldInBrowser.Token);
        await herald.Screenshots.TakeAsync(page, "run-succeeded", forDocs: true);

        await page.GotoAsync("/orchestrations");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row.Locator(".badge")).ToHaveAttributeAsync("data-state", "succeeded");
        await herald.Screenshots.TakeAsync(page, "orchestrations");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATestSend_SendsExactlyTheSampleToItsOwnSegment_IsListedWithTheOrchestrationAsATest_AndOffersToRunIt()
    {
        var segment = $"Real {Unique.Suffix()}";
        var (_, destination) = await herald.AddDestinationAsync(segment);
        var orchestration = await herald.AddOrchestrationAsync(destination, GoldEmails);
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync($"/orchestrations/{orchestration}");

        var testSegment = page.GetByLabel("Test segment name");
        await Expect(testSegment).ToHaveValueAsync($"{segment} (test)");
        await testSegment.FillAsync(segment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the sample" }).ClickAsync();
        await Expect(page.Locator("#TestSegmentName-error")).ToContainTextAsync("is the destination's own segment");

        var sample = $"Sample {Unique.Suffix()}";
        await page.GetByLabel("10 values").CheckAsync();
        await page.GetByLabel("Test segment name").FillAsync(sample);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the sample" }).ClickAsync();

        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator(".page-head [data-test-send]")).ToHaveTextAsync("Test send of 10 value(s)");
        await Expect(page.Locator(".page-head .lead")).ToContainTextAsync(sample);
        // Exactly the 10 values asked for: the sample is taken after empty and set-aside values are left out.
        await Expect(page.Locator("[data-count=values-sent]")).ToHaveTextAsync("10");
        await Expect(page.Locator("[data-count=valid]")).ToHaveTextAsync("10");
        herald.Simulator.Segments.Single(s => s.Name == sample).Values.Count.ShouldBe(10);
        herald.Simulator.Segments.ShouldNotContain(s => s.Name == segment);
        var next = page.GetByRole(AriaRole.Region, new() { Name = "What to do next" });
        await Expect(next).ToContainTextAsync("Looks right: run it");
        await herald.Screenshots.TakeAsync(page, "test-send", forDocs: true);

        await page.GotoAsync($"/runs?orchestration={Uri.EscapeDataString(orchestration)}");
        await Expect(page.Locator("table.runs tbody tr").First.Locator("[data-test-send]")).ToHaveTextAsync("test · 10");

        await page.GoBackAsync();
        await next.GetByRole(AriaRole.Button, new() { Name = $"Run '{orchestration}' now" }).ClickAsync();
        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator(".page-head [data-test-send]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".page-head .lead")).ToContainTextAsync(segment);
        herald.Simulator.Segments.ShouldContain(s => s.Name == segment);
        await page.Context.CloseAsync();
    }
}
