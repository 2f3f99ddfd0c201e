using System.Net.Http.Json;
using Herald.Browser.Tests.Support;
using Herald.Server.Api;

namespace Herald.Browser.Tests;

/// <summary>
/// The sandbox pages in a real browser: a sandbox created from its page, changed by a file through the API, its
/// difference shown grouped and side by side per field, a production change pulled with its conflict resolved on the
/// page, a promotion refused while production moved and then made by an administrator; a User sees no promotion form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SandboxTests(HeraldInBrowser herald)
{
    private const string Password = "a browser-typed sandbox password";

    [Fact]
    public async Task Sandbox_CreatedOnThePage_ChangedByFile_PulledWithAConflictResolved_ThenPromoted_ChangesProduction()
    {
        var suffix = Unique.Suffix();
        var segment = $"Sandboxed {suffix}";
        var (credential, destination) = await herald.AddDestinationAsync(segment);
        var added = $"added-{suffix}";
        var name = $"trial-{suffix}";
        var page = await herald.SignedInPageAsync();

        await page.GotoAsync("/sandboxes");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the sandbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Sandbox {name}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-sandbox-banner]")).ToContainTextAsync($"Sandbox {name}");
        await Expect(page.Locator("#to-promote-none")).ToBeVisibleAsync();

        // The sandbox changes the destination's segment and description, and adds an orchestration, by a file through the API.
        var file = await herald.Api.GetStringAsync($"/api/sandboxes/{name}/config");
        // Production may have no orchestration yet ("orchestrations: []"); the list is written out in full either way.
        file = file.Replace("orchestrations: []\n", "orchestrations:\n", StringComparison.Ordinal)
            .Replace($"segmentName: {segment}\n", $"segmentName: {segment} trial\n", StringComparison.Ordinal)
            .Replace($"    credential: {credential}\n", $"    credential: {credential}\n    description: tried in a sandbox\n", StringComparison.Ordinal)
            .Replace("orchestrations:\n", $"orchestrations:\n  - name: {added}\n    destination: {destination}\n    allowEmpty: false\n    query: |-\n      SELECT email\n      FROM Customer_360\n      WHERE loyalty_tier = 'gold'\n", StringComparison.Ordinal);
        using (var body = new StringContent(file))
        {
            (await herald.Api.PostAsync($"/api/sandboxes/{name}/config/apply", body)).EnsureSuccessStatusCode();
        }
        await page.ReloadAsync();

        var changedDestination = page.Locator($"#to-promote-changed [data-entry='destination/{destination}']");
        await Expect(page.Locator("#to-promote-summary")).ToHaveTextAsync("1 added, 1 changed, 0 removed");
        await Expect(changedDestination.Locator("tr[data-field='settings.segmentName'] td.before")).ToHaveTextAsync($"\"{segment}\"");
        await Expect(changedDestination.Locator("tr[data-field='settings.segmentName'] td.after")).ToHaveTextAsync($"\"{segment} trial\"");
        await Expect(changedDestination.Locator("tr[data-field='description'] td.before")).ToHaveTextAsync("(none)");
        await Expect(changedDestination.Locator("tr[data-field='description'] td.after")).ToHaveTextAsync("tried in a sandbox");
        var addedOrchestration = page.Locator($"#to-promote-added [data-entry='orchestration/{added}']");
        await Expect(addedOrchestration.Locator("tr[data-field='query'] td.before")).ToHaveTextAsync("(none)");
        await Expect(addedOrchestration.Locator("tr[data-field='query'] td.after pre")).ToHaveTextAsync("SELECT email\nFROM Customer_360\nWHERE loyalty_tier = 'gold'");
        await Expect(page.Locator("#to-promote-removed")).ToHaveCountAsync(0);

        // Production changes the same segment meanwhile: the sandbox shows it, and the conflict.
        (await herald.Api.PutAsJsonAsync($"/api/destinations/{destination}", new DestinationUpdate(null, $"{segment} prod", null, null, SkipConnectionTest: true)))
            .EnsureSuccessStatusCode();
        await page.ReloadAsync();
        var conflict = page.Locator($"#conflicts tr[data-conflict='destination/{destination}/settings.segmentName']");
        await Expect(page.Locator($"#since-changed [data-entry='destination/{destination}'] tr[data-field='settings.segmentName'] td.after")).ToHaveTextAsync($"\"{segment} prod\"");
        await Expect(conflict).ToContainTextAsync($"\"{segment} prod\"");
        await Expect(conflict).ToContainTextAsync($"\"{segment} trial\"");
        await herald.Screenshots.TakeAsync(page, "sandbox-diff", forDocs: true);

        // Promoting now is refused on the page, and production is as it was.
        await page.GetByLabel("Message").FillAsync("Try the gold audience");
        await page.GetByRole(AriaRole.Button, new() { Name = "Promote to production" }).ClickAsync();
        await Expect(page.Locator("#Message-error")).ToContainTextAsync("Production changed since the sandbox");
        (await herald.Api.GetStringAsync("/api/config")).ShouldNotContain(added);

        await conflict.GetByLabel("production's").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pull production's changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Pulled production's changes into '{name}'");
        await Expect(page.Locator("#since-none")).ToBeVisibleAsync();
        await Expect(page.Locator("#conflicts")).ToHaveCountAsync(0);
        await Expect(changedDestination.Locator("tr[data-field='settings.segmentName']")).ToHaveCountAsync(0);
        await Expect(changedDestination.Locator("tr[data-field='description'] td.after")).ToHaveTextAsync("tried in a sandbox");

        await page.GetByLabel("Message").FillAsync("Try the gold audience");
        await page.GetByLabel("Delete the sandbox after promoting it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Promote to production" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sandboxes", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Promoted the sandbox '{name}' to production: 1 added, 1 changed, 0 removed.");
        await Expect(page.Locator($"tr[data-sandbox='{name}']")).ToHaveCountAsync(0);
        var production = await herald.Api.GetFromJsonAsync<DestinationView>($"/api/destinations/{destination}");
        production!.Description.ShouldBe("tried in a sandbox");
        production.SegmentName.ShouldBe($"{segment} prod");
        (await herald.Api.GetAsync($"/api/orchestrations/{added}")).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sandbox_OfAUser_RunsATestAudience_UnderTheBanner_ButOffersNoPromotionOrDeletion()
    {
        var (credential, destination) = await herald.AddDestinationAsync($"User sandbox {Unique.Suffix()}");
        var orchestration = await herald.AddOrchestrationAsync(destination, "SELECT email FROM Customer_360");
        var user = $"user-{Unique.Suffix()}";
        var name = $"mine-{Unique.Suffix()}";
        (await herald.Api.PostAsJsonAsync("/api/users", new UserInput(user, Password, ["User"]))).EnsureSuccessStatusCode();
        var page = await herald.NewPageAsync();
        await page.GotoAsync("/sandboxes");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Segment prefix").FillAsync("try-");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the sandbox" }).ClickAsync();
        await Expect(page.Locator("#promote-who")).ToContainTextAsync("Only a user with Allow sandbox administration (sandbox:admin) can promote");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Promote to production" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Allow full sends" })).ToHaveCountAsync(0);
        await Expect(page.Locator($"#credentials tr[data-credential='{credential}']")).ToContainTextAsync("none");

        // Without a copied secret the run is refused on the page, saying who can help.
        await page.Locator($"tr[data-orchestration='{orchestration}']").GetByRole(AriaRole.Button, new() { Name = "Run a test audience" }).ClickAsync();
        await Expect(page.Locator("#error-summary")).ToContainTextAsync($"has no secret in the sandbox '{name}'");
        (await herald.Api.PostAsync($"/api/sandboxes/{name}/credentials/{credential}/copy-secret", null)).EnsureSuccessStatusCode();
        await page.GotoAsync($"/sandboxes/{name}");
        await page.Locator($"tr[data-orchestration='{orchestration}']").GetByRole(AriaRole.Button, new() { Name = "Run a test audience" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-sandbox-banner]")).ToContainTextAsync($"Sandbox {name}");
        var runId = Guid.Parse(page.Url.Split('/')[^1]);
        var run = await herald.WaitForFinalAsync(runId);
        run.State.ShouldBe("succeeded", run.Reason);
        run.SegmentName.ShouldStartWith("try-User sandbox");
        await page.GotoAsync($"/sandboxes/{name}");
        await Expect(page.Locator($"#orchestrations a[href='/runs/{runId}']")).ToHaveCountAsync(1);

        await page.GotoAsync("/sandboxes");
        await Expect(page.Locator($"tr[data-sandbox='{name}']")).ToContainTextAsync("Only a sandbox administrator deletes it");
        await Expect(page.Locator($"tr[data-sandbox='{name}']").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
