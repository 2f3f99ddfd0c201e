using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// Sandboxes attacked through a real server and the simulator: what a user must not see through a sandbox, a segment a
/// sandbox's run must never overwrite, files and states built to break the server, and forms posted from elsewhere.
/// </summary>
public sealed class SandboxAttackTests : IAsyncLifetime
{
    // The simulator's account: a sandbox run reaches Insider One with production's secret copied into the sandbox.
    private const string Token = "demo-token";

    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Sandbox:MaxTestValues"] = "10" });
        await _harness.Api.AddCredentialAsync("insider", token: Token);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SandboxOfAUserWhoMayNotSeeAdminOnlyDestinations_WhenProductionGainsOne_NeitherShowsNorPullsIt()
    {
        using var uma = await _harness.Api.ClientForNewUserAsync("uma", "User", restrictPii: false);
        (await uma.PostAsJsonAsync("/api/sandboxes", new SandboxInput("umas"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Made after the copy: creating the sandbox was allowed, and production then gained what uma may not see.
        var board = await Http.PostAsJsonAsync("/api/destinations", new DestinationInput("board", "insider", "Board members", "email", null, SkipConnectionTest: true, AdminOnly: true));
        board.StatusCode.ShouldBe(HttpStatusCode.Created, await board.Content.ReadAsStringAsync());

        using var review = await uma.GetAsync("/api/sandboxes/umas");
        using var export = await uma.GetAsync("/api/sandboxes/umas/config");
        using var pull = await uma.PostAsJsonAsync("/api/sandboxes/umas/pull", new PullInput());
        using var direct = await uma.GetAsync("/api/destinations/board");

        direct.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the destination itself is hidden from uma");
        foreach (var answer in new[] { review, export, pull })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, answer.RequestMessage!.RequestUri!.ToString());
            var text = await answer.Content.ReadAsStringAsync();
            text.ShouldContain("destination:admin-only");
            text.ShouldNotContain("Board members");
        }
        (await Http.GetStringAsync("/api/sandboxes/umas/config")).ShouldNotContain("board", Case.Sensitive, "the refused pull brought nothing in");
    }

    [Fact]
    public async Task SandboxPage_WhenProductionGainsAnAdminOnlyDestination_TellsItsOwnerWhy_AndShowsNothingOfIt()
    {
        const string Password = "a long sandbox attack password 9";
        (await Http.PostAsJsonAsync("/api/users", new UserInput("ayse", Password, ["User"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInWithPasswordAsync("ayse", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var created = await browser.PostFormAsync("/sandboxes", "/sandboxes?handler=Create", new Dictionary<string, string> { ["Name"] = "ayses" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var board = await Http.PostAsJsonAsync("/api/destinations", new DestinationInput("board", "insider", "Board members", "email", null, SkipConnectionTest: true, AdminOnly: true));
        board.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var page = await browser.Http.GetAsync("/sandboxes/ayses");
        using var download = await browser.Http.GetAsync("/sandboxes/ayses?handler=Export");
        var list = await browser.Http.GetStringAsync(page.Headers.Location!);

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        list.ShouldContain("may not do destination:admin-only");
        list.ShouldNotContain("Board members");
        download.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await download.Content.ReadAsStringAsync()).ShouldNotContain("Board members");
    }

    [Fact]
    public async Task RunInASandbox_ToASegmentProductionSentToBefore_IsRefused_AndThatSegmentKeepsItsValues()
    {
        // Production once sent to 'Trial VIP' (a send to its own segment name); the catalog names no such segment now.
        var production = await _harness.Api.SendAsync("vip", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", segmentName: "Trial VIP");
        (await _harness.Api.WaitForAsync(production.Id)).State.ShouldBe("succeeded");
        var valuesBefore = _harness.Simulator.Segments.Single(s => s.Name == "Trial VIP").Values.ToList();
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var everyone = (await Http.GetStringAsync("/api/sandboxes/trial/config")).Replace("orchestrations: []\n",
            "orchestrations:\n  - name: vip-everyone\n    destination: vip\n    query: SELECT email FROM Customer_360\n", StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(everyone))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PostAsync("/api/sandboxes/trial/credentials/insider/copy-secret", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // 'Trial ' + the sandbox's segment name 'VIP' is the name production sent to.
        (await Http.PatchAsJsonAsync("/api/sandboxes/trial/settings", new SandboxSettingsInput(SegmentPrefix: "Trial "))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var run = await Http.PostAsync("/api/sandboxes/trial/orchestrations/vip-everyone/runs", null);

        run.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusal = await run.Content.ReadAsStringAsync();
        refusal.ShouldContain("'Trial VIP'");
        refusal.ShouldContain("Change the sandbox's segment prefix");
        _harness.Simulator.Segments.Single(s => s.Name == "Trial VIP").Values.ShouldBe(valuesBefore);
    }

    [Fact]
    public async Task RunInASandbox_OfAnOrchestrationWhoseDestinationAPullRemoved_IsRefusedNamingIt_NotAServerError()
    {
        await _harness.Api.AddDestinationAsync("side", "insider", "Side");
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("dangling"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var withSide = (await Http.GetStringAsync("/api/sandboxes/dangling/config")).Replace("orchestrations: []\n",
            "orchestrations:\n  - name: side-weekly\n    destination: side\n    query: SELECT email FROM Customer_360\n", StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/dangling/config/apply", new StringContent(withSide))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.DeleteAsync("/api/destinations/side")).IsSuccessStatusCode.ShouldBeTrue();
        (await Http.PostAsJsonAsync("/api/sandboxes/dangling/pull", new PullInput())).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var run = await Http.PostAsync("/api/sandboxes/dangling/orchestrations/side-weekly/runs", null);

        run.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await run.Content.ReadAsStringAsync()).ShouldContain("its destination 'side' is not in the sandbox");
    }

    [Theory]
    [InlineData("/api/config/apply?dryRun=true")]
    [InlineData("/api/sandboxes/keys/config/apply?dryRun=true")]
    public async Task ConfigurationFile_WithAListAsASettingsKey_IsRefusedNamingTheLine_NotAServerError(string path)
    {
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("keys"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        const string File = "version: 1\ncredentials:\n  - name: insider\n    plugin: insiderone\n    settings:\n      partnerName: herald-demo\n      nested:\n        ? [a, b]\n        : c\n";

        using var applied = await Http.PostAsync(path, new StringContent(File));

        applied.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await applied.Content.ReadAsStringAsync()).ShouldContain("line 8 names a setting with a list or a mapping");
    }

    [Fact]
    public async Task Create_WithANameThatCannotBeInASegmentName_GetsAPrefixThatCan()
    {
        var created = await HeraldApi.ReadAsync<SandboxView>(await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("v1.2")), HttpStatusCode.Created);

        created.SegmentPrefix.ShouldBe("sandbox-v1-2-");
    }

    [Fact]
    public async Task SegmentPrefix_OfAnotherSandbox_IsRefusedWhenCreatingOrChanging_SoTheirTestRunsNeverOverwriteEachOther()
    {
        using var olga = await _harness.Api.ClientForNewUserAsync("olga", "Operator", restrictPii: false);
        (await olga.PostAsJsonAsync("/api/sandboxes", new SandboxInput("olgas"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("mine"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var sameAtCreation = await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("other", "SANDBOX-olgas-"));
        // 'v1.2' would be marked 'sandbox-v1-2-', as 'v1-2' is.
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("v1-2"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var sameByDefault = await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("v1.2"));
        using var changedToTheSame = await Http.PatchAsJsonAsync("/api/sandboxes/mine/settings", new SandboxSettingsInput(SegmentPrefix: "sandbox-olgas-"));
        using var keptItsOwn = await olga.PatchAsJsonAsync("/api/sandboxes/olgas/settings", new SandboxSettingsInput(SegmentPrefix: "sandbox-olgas-"));

        foreach (var refused in new[] { sameAtCreation, sameByDefault, changedToTheSame })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var text = await refused.Content.ReadAsStringAsync();
            text.ShouldContain("marks another sandbox's segments");
            text.ShouldNotContain("sandbox 'olgas'", Case.Sensitive, "the other sandbox, perhaps another user's, is not named");
        }
        keptItsOwn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.GetFromJsonAsync<SandboxView[]>("/api/sandboxes", HeraldApi.Json))!.Single(s => s.Name == "mine").SegmentPrefix.ShouldBe("sandbox-mine-");
    }

    [Fact]
    public async Task PromoteForm_PostedFromAnotherSiteWithTheAdministratorsSession_IsRefused_AndProductionIsUnchanged()
    {
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("forged"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = (await Http.GetStringAsync("/api/sandboxes/forged/config")).Replace("segmentName: VIP\n", "segmentName: VIP forged\n", StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/forged/config/apply", new StringContent(file))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var production = await Http.GetStringAsync("/api/config");

        // The session cookie goes along; the form's antiforgery token cannot, as another site never sees the page.
        using var forged = await browser.Http.PostAsync("/sandboxes/forged?handler=Promote",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Message"] = "forged", ["DeleteAfter"] = "true" }));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetStringAsync("/api/config")).ShouldBe(production);
        (await Http.GetAsync("/api/sandboxes/forged")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
