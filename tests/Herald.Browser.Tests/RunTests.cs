using System.Globalization;
using Herald.Browser.Tests.Support;

namespace Herald.Browser.Tests;

/// <summary>Run history with filters, a failed run's reason and next step, and the dashboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunTests(HeraldInBrowser herald)
{
    private const string GoldEmails = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";

    [Fact]
    public async Task AFailedRun_ShowsItsReasonAndTheNextStep_WhichLeadsToTheCredential()
    {
        var (credential, destination) = await herald.AddDestinationAsync($"Refused {Unique.Suffix()}", token: "wrong-token");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("failed");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.Locator("[data-testid=run-reason]")).ToContainTextAsync("401 Unauthorized");
        var next = page.Locator(".next-step");
        await Expect(next).ToContainTextAsync("Insider One refused the credential");
        await Expect(next.GetByRole(AriaRole.Button, new() { Name = "Run again" })).ToBeVisibleAsync();
        await Expect(page.Locator("details.call").First).ToContainTextAsync("401");
        (await page.ContentAsync()).ShouldNotContain("wrong-token");
        await herald.Screenshots.TakeAsync(page, "run-failed", forDocs: true);

        await next.GetByRole(AriaRole.Link, new() { Name = "Update the credential" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(credential);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFailedRunThatUploadedNothing_Shows0Sent_AndSaysTheSegmentWasLeftUnchanged()
    {
        var segment = $"Refused {Unique.Suffix()}";
        var (_, destination) = await herald.AddDestinationAsync(segment, token: "wrong-token");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("failed");
        var counts = run.Counts.ShouldNotBeNull("the query ran before Insider One refused the token");
        counts.ValuesSent.ShouldBeGreaterThan(0);
        counts.ValuesUploaded.ShouldBe(0, "the API says what reached Insider One, not what was planned");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        await Expect(page.Locator("[data-count=values-planned]")).ToHaveTextAsync(counts.ValuesSent.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-count=values-sent]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=segment-outcome]")).ToHaveTextAsync(
            $"Nothing was uploaded: the segment \u201c{segment}\u201d in Insider One was left unchanged.");
        await page.GotoAsync("/runs");
        await Expect(page.Locator($"tr[data-run-id='{run.Id}'] td.num").First).ToHaveTextAsync("0");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASucceededRun_SaysEveryPlannedValueWasSent_AndNothingWasLeftUnchanged()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Sent {Unique.Suffix()}");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("succeeded");
        var counts = run.Counts.ShouldNotBeNull();
        counts.ValuesUploaded.ShouldBe(counts.ValuesSent);
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        var sent = counts.ValuesSent.ToString("N0", CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-count=values-planned]")).ToHaveTextAsync(sent);
        await Expect(page.Locator("[data-count=values-sent]")).ToHaveTextAsync(sent);
        await Expect(page.Locator("[data-testid=segment-outcome]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheRunHistory_FiltersByStateDestinationAndSearch_AndSaysWhenNothingMatches()
    {
        var segment = $"History {Unique.Suffix()}";
        var (_, destination) = await herald.AddDestinationAsync(segment);
        var (_, refused) = await herald.AddDestinationAsync($"Refused {Unique.Suffix()}", token: "wrong-token");
        var succeeded = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        var failed = await herald.WaitForFinalAsync((await herald.SendAsync(refused, GoldEmails)).Id);
        var page = await herald.SignedInPageAsync();
        await page.GotoAsync("/runs");

        await page.GetByLabel("State").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator($"tr[data-run-id='{failed.Id}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-run-id='{succeeded.Id}']")).ToHaveCountAsync(0);

        await page.GetByLabel("State").SelectOptionAsync("");
        await page.GetByLabel("Destination").SelectOptionAsync(new SelectOptionValue { Label = destination });
        await page.GetByLabel("Started by").FillAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-run-id='{succeeded.Id}']")).ToContainTextAsync(segment);
        await herald.Screenshots.TakeAsync(page, "runs");

        await page.GotoAsync("/runs");
        await page.GetByLabel("Search").FillAsync("no run has this text");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByText("No run matches these filters")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDashboard_ChartsRunsByOutcome_AndListsTheLastDaysFailures()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Dashboard {Unique.Suffix()}");
        var (_, refused) = await herald.AddDestinationAsync($"Refused {Unique.Suffix()}", token: "wrong-token");
        await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        var failed = await herald.WaitForFinalAsync((await herald.SendAsync(refused, GoldEmails)).Id);
        await herald.AddOrchestrationAsync(destination, GoldEmails);
        var page = await herald.SignedInPageAsync();

        await Expect(page.Locator("svg.chart rect.bar-succeeded")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("svg.chart rect.bar-failed")).Not.ToHaveCountAsync(0);
        var failures = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Failed in the last 24 hours" }) });
        await Expect(failures.Locator($"tr[data-run-id='{failed.Id}']")).ToContainTextAsync("401");
        int.Parse(await page.Locator("[data-stat=failed-24h]").InnerTextAsync()).ShouldBeGreaterThan(0);
        await herald.Screenshots.TakeAsync(page, "dashboard", forDocs: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LiveUpdates_KeepTheFocusedCancelButtonInItsPlace_AndTheStateLineIsAStatusRegion()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Live {Unique.Suffix()}");
        herald.Simulator.Faults.DropCallbacks = true;
        try
        {
            var run = await herald.SendAsync(destination, GoldEmails);
            var page = await herald.SignedInPageAsync();
            await page.GotoAsync($"/runs/{run.Id}");
            await Expect(page.Locator(".status-line .badge")).ToHaveAttributeAsync("data-state", "awaiting_report");
            await Expect(page.Locator(".status-line")).ToHaveAttributeAsync("role", "status");
            var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel the run" });
            await cancel.FocusAsync();
            // A mark on the element itself: it survives only if the live update leaves the element in place.
            await cancel.EvaluateAsync("button => { button.heraldTestMark = 'focused before'; }");
            var before = (await cancel.BoundingBoxAsync()).ShouldNotBeNull();

            // The page handles one update before it asks for the next, so two answers mean one update applied.
            await page.WaitForResponseAsync(response => response.Url.Contains("/fragment"));
            await page.WaitForResponseAsync(response => response.Url.Contains("/fragment"));

            (await page.EvaluateAsync<string>("() => String(document.activeElement.heraldTestMark)"))
                .ShouldBe("focused before", "keyboard focus stays on the cancel button through live updates");
            var after = (await cancel.BoundingBoxAsync()).ShouldNotBeNull();
            (after.X, after.Y).ShouldBe((before.X, before.Y), "the cancel button does not move");
            await page.Context.CloseAsync();
        }
        finally
        {
            herald.Simulator.Faults.DropCallbacks = false;
        }
    }

    [Fact]
    public async Task ARunWaitingForInsiderOne_IsCancelledFromItsPage_AndRunsAgainFromThere()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Cancel {Unique.Suffix()}");
        herald.Simulator.Faults.DropCallbacks = true;
        try
        {
            var run = await herald.SendAsync(destination, GoldEmails);
            var page = await herald.SignedInPageAsync();
            await page.GotoAsync($"/runs/{run.Id}");

            var state = page.Locator(".status-line .badge");
            await Expect(state).ToHaveAttributeAsync("data-state", "awaiting_report");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the run" }).ClickAsync();

            await Expect(page.Locator(".notice")).ToContainTextAsync("The run was cancelled.");
            await Expect(state).ToHaveAttributeAsync("data-state", "cancelled");
            await Expect(page.Locator("[data-testid=run-reason]")).ToContainTextAsync("stays in Insider One");
            herald.Simulator.Faults.DropCallbacks = false;
            await page.Locator(".next-step").GetByRole(AriaRole.Button, new() { Name = "Run again" }).ClickAsync();

            await page.WaitForURLAsync(url => url.Contains("/runs/") && !url.Contains(run.Id.ToString()));
            await Expect(state).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 30_000 });
            await page.Context.CloseAsync();
        }
        finally
        {
            herald.Simulator.Faults.DropCallbacks = false;
        }
    }
}
