using System.Globalization;
using System.Net.Http.Json;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Api;
using Microsoft.Extensions.DependencyInjection;
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
        // A plain sentence first; what Insider One answered is folded under it.
        await Expect(page.Locator("[data-testid=run-headline]")).ToHaveTextAsync("Insider One did not accept the credential, so the audience was not sent.");
        await Expect(page.Locator("[data-testid=run-reason]")).Not.ToBeVisibleAsync();
        await page.GetByText("What Herald recorded").ClickAsync();
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
    public async Task TheStepsTable_ShowsEachReasonWithTheStepItBelongsTo()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Steps {Unique.Suffix()}");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("succeeded");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        // The query's result is the building step's, the comparison's the comparing step's, the staged file the
        // staging step's: each recorded when the run moved on, and shown with the step that produced it.
        await Expect(StepRow(page, "building")).ToContainTextAsync("The query returned");
        await Expect(StepRow(page, "comparing")).Not.ToContainTextAsync("The query returned");
        await Expect(StepRow(page, "staging")).ToContainTextAsync("Staged the file");
        await Expect(StepRow(page, "submitting")).Not.ToContainTextAsync("Staged the file");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFirstRun_ShowsInsiderOnesSegmentNotFoundAnswer_AsExpected_NotAsAFailure()
    {
        var (_, destination) = await herald.AddDestinationAsync($"First {Unique.Suffix()}");
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("succeeded");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        var lookUp = page.Locator("details.call").Filter(new() { HasText = "404" });
        await Expect(lookUp.First).ToBeVisibleAsync();
        await Expect(lookUp.First.Locator(".badge")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("state-expected"));
        await Expect(lookUp.First.Locator(".badge")).ToHaveTextAsync("404 expected");
        await Expect(page.Locator("details.call .badge.state-failed")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheRunHistory_FindsYesterdaysRuns_ByTheTimeFilter_AndByTheDateAsThePageWritesIt_AndPagesBack()
    {
        var (_, destination) = await herald.AddDestinationAsync($"History {Unique.Suffix()}");
        var destinationId = (await herald.Api.GetFromJsonAsync<DestinationView>($"/api/destinations/{Uri.EscapeDataString(destination)}"))!.Id;
        var today = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        // Yesterday's runs are written as the store keeps them: 105 of them, one more page than the history shows at once.
        var yesterday = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1).AddHours(9);
        var store = herald.Herald.Services.GetRequiredService<IRunStore>();
        for (var i = 0; i < 105; i++)
        {
            var at = new DateTimeOffset(yesterday.AddSeconds(i), TimeSpan.Zero);
            var run = new Run(Guid.NewGuid(), new RunOrigin(destinationId, destination, Guid.NewGuid(), null, null, GoldEmails, destination, "email", false, "schedule"), at);
            run.Cancel("Cancelled by the history test.", at);
            await store.CreateAsync(run, default);
        }
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs?destination={Uri.EscapeDataString(destination)}");
        await page.Locator("#when").SelectOptionAsync("yesterday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        page.Url.ShouldContain($"destination={Uri.EscapeDataString(destination)}", Case.Insensitive, "filters name what they show, not an id");
        await Expect(page.Locator("tr[data-run-id]")).ToHaveCountAsync(100);
        await Expect(page.Locator($"tr[data-run-id='{today.Id}']")).ToHaveCountAsync(0);
        await herald.Screenshots.TakeAsync(page, "history-yesterday", forDocs: true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older runs" }).ClickAsync();
        await Expect(page.Locator("tr[data-run-id]")).ToHaveCountAsync(5);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Newer runs" })).ToBeVisibleAsync();

        var shown = yesterday.ToString("MMM d", CultureInfo.InvariantCulture);
        await page.GotoAsync($"/runs?destination={Uri.EscapeDataString(destination)}&search={Uri.EscapeDataString(shown)}");
        await Expect(page.Locator("[role=status]").First).ToContainTextAsync("as a date");
        await Expect(page.Locator("tr[data-run-id]")).ToHaveCountAsync(100);
        await Expect(page.Locator($"tr[data-run-id='{today.Id}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDashboardsChart_LinksEachDayToTheRunsItCounts()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Chart {Unique.Suffix()}");
        await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        var page = await herald.SignedInPageAsync();
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GotoAsync("/");
        await page.Locator("details.chart-data summary").ClickAsync();
        await page.Locator("details.chart-data").GetByRole(AriaRole.Link, new() { Name = day, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/runs\\?when=range&from={day}&to={day}$"));
        await Expect(page.Locator("#when")).ToHaveValueAsync("range");
        (await page.Locator("tr[data-run-id]").CountAsync()).ShouldBeGreaterThan(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARunThatSucceededAfterRetries_SaysHowManyAndWhy()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Retried {Unique.Suffix()}");
        herald.Simulator.Faults.FailStatus = 503;
        herald.Simulator.Faults.FailNextUploads = 2;
        var run = await herald.WaitForFinalAsync((await herald.SendAsync(destination, GoldEmails)).Id);
        run.State.ShouldBe("succeeded");
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync($"/runs/{run.Id}");

        await Expect(page.Locator("[data-testid=retries]")).ToHaveTextAsync("Succeeded after 2 retries: Insider One answered 503 twice before accepting.");
        await page.Context.CloseAsync();
    }

    private static ILocator StepRow(IPage page, string state) =>
        page.Locator("table.steps tbody tr").Filter(new() { Has = page.Locator($".badge[data-state='{state}']") });

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
