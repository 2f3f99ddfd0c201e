using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Sandboxes;

/// <summary>Runs in a sandbox through a real server and the simulator: a test audience under the sandbox's prefix, never production's segment.</summary>
public sealed class SandboxRunTests : IAsyncLifetime
{
    // The simulator's account: the run must reach Insider One with production's secret copied into the sandbox.
    private const string Token = "demo-token";
    private const string EveryoneOrchestration = """
          - name: vip-everyone
            destination: vip
            allowEmpty: false
            query: SELECT email FROM Customer_360

        """;

    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync() =>
        _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Sandbox:MaxTestValues"] = "10" });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunInASandbox_SendsATestAudienceOfTenUnderThePrefixedSegment_LeavesProductionsSegmentUntouched_ThenPromotes()
    {
        await _harness.Api.AddCredentialAsync("insider", token: Token);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = await Http.GetStringAsync("/api/sandboxes/trial/config");
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(WithEveryoneOrchestration(file)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var withoutSecret = await Http.PostAsync("/api/sandboxes/trial/orchestrations/vip-everyone/runs", null);
        var copied = await HeraldApi.ReadAsync<SandboxView>(await Http.PostAsync("/api/sandboxes/trial/credentials/insider/copy-secret", null), HttpStatusCode.OK);
        var started = await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/sandboxes/trial/orchestrations/vip-everyone/runs", null), HttpStatusCode.Accepted);
        var run = await _harness.Api.WaitForAsync(started.Id);
        var promoted = await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/promote",
            new PromoteInput("a weekly send to every VIP")), HttpStatusCode.OK);

        withoutSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutSecret.Content.ReadAsStringAsync()).ShouldContain("herald sandbox copy-secret trial insider");
        copied.CopiedSecrets.ShouldBe(["insider"]);
        run.State.ShouldBe("succeeded", run.Reason);
        run.Sandbox.ShouldBe("trial");
        run.SegmentName.ShouldBe("sandbox-trial-VIP");
        run.TestSampleSize.ShouldBe(10);
        _harness.Simulator.Segments.ShouldHaveSingleItem().Name.ShouldBe("sandbox-trial-VIP");
        _harness.Simulator.Segments.Single().Values.Count.ShouldBe(10);
        _harness.Simulator.Segments.Single().Values.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v));
        promoted.Applied.ShouldBeTrue();
        (await Http.GetStringAsync("/api/config")).ShouldContain("vip-everyone");
        (await Http.GetStringAsync($"/api/runs/{run.Id}")).ShouldNotContain(Token);
    }

    /// <summary>The proof in one story: every step a team takes from a sandbox to production, in order.</summary>
    [Fact]
    public async Task Sandbox_ChangedTestedWithTenValues_PulledWithAConflictResolved_ThenPromoted_LeavesProductionHoldingExactlyTheSandbox_WithOneAuditEntry()
    {
        await _harness.Api.AddCredentialAsync("insider", token: Token);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var copied = await Http.GetStringAsync("/api/sandboxes/trial/config");
        var changed = WithEveryoneOrchestration(copied.Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal));
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(changed))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PostAsync("/api/sandboxes/trial/credentials/insider/copy-secret", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var started = await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/sandboxes/trial/orchestrations/vip-everyone/runs", null), HttpStatusCode.Accepted);
        var run = await _harness.Api.WaitForAsync(started.Id);
        // Production changes meanwhile: the field the sandbox changed (a conflict) and one it did not.
        (await Http.PutAsJsonAsync("/api/destinations/vip", new DestinationUpdate(null, "VIP prod", null, "set in production", SkipConnectionTest: true)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var pulled = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/pull",
            new PullInput(new Dictionary<string, string> { ["destination/vip/settings.segmentName"] = "sandbox" })), HttpStatusCode.OK);
        var sandboxAfterPull = await Http.GetStringAsync("/api/sandboxes/trial/config");
        var auditBefore = await AuditAsync();
        var promoted = await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/promote",
            new PromoteInput("VIP trial segment and a send to every VIP")), HttpStatusCode.OK);

        run.State.ShouldBe("succeeded", run.Reason);
        run.TestSampleSize.ShouldBe(10);
        var sent = _harness.Simulator.Segments.ShouldHaveSingleItem();
        sent.Name.ShouldBe("sandbox-trial-VIP trial");
        sent.Values.Count.ShouldBe(10);
        pulled.Conflicts.ShouldBeEmpty();
        sandboxAfterPull.ShouldContain("segmentName: VIP trial\n");
        sandboxAfterPull.ShouldContain("description: set in production\n");
        promoted.Applied.ShouldBeTrue();
        (await Http.GetStringAsync("/api/config")).ShouldBe(sandboxAfterPull);
        var entry = (await AuditAsync()).ExceptBy(auditBefore.Select(a => a.Sequence), a => a.Sequence).ShouldHaveSingleItem();
        (entry.Operation, entry.Subject, entry.Detail).ShouldBe(("promote sandbox", "trial", "VIP trial segment and a send to every VIP"));
        _harness.Simulator.Segments.ShouldHaveSingleItem("promotion sends nothing; production's segment is untouched until production runs");
    }

    [Fact]
    public async Task SandboxMisuse_AnotherUsersSandbox_FullSendsWithoutPermission_AndAPrefixEmptyOrProductions_AreRefused()
    {
        await _harness.Api.AddCredentialAsync("insider", token: Token);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("admins"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = await Http.GetStringAsync("/api/sandboxes/admins/config");
        (await Http.PostAsync("/api/sandboxes/admins/config/apply", new StringContent(WithEveryoneOrchestration(file)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var olga = await ClientForNewUserAsync("olga", "Operator");
        (await olga.PostAsJsonAsync("/api/sandboxes", new SandboxInput("olgas"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var othersRun = await olga.PostAsync("/api/sandboxes/admins/orchestrations/vip-everyone/runs", null);
        var fullSends = await olga.PatchAsJsonAsync("/api/sandboxes/olgas/settings", new SandboxSettingsInput(AllowFullSends: true));
        var copySecret = await olga.PostAsync("/api/sandboxes/olgas/credentials/insider/copy-secret", null);
        var emptyPrefix = await olga.PatchAsJsonAsync("/api/sandboxes/olgas/settings", new SandboxSettingsInput(SegmentPrefix: ""));
        var productionsName = await olga.PatchAsJsonAsync("/api/sandboxes/olgas/settings", new SandboxSettingsInput(SegmentPrefix: "VIP"));
        var changed = await HeraldApi.ReadAsync<SandboxView>(await olga.PatchAsJsonAsync("/api/sandboxes/olgas/settings", new SandboxSettingsInput(SegmentPrefix: "olga-test ")), HttpStatusCode.OK);

        othersRun.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        fullSends.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fullSends.Content.ReadAsStringAsync()).ShouldContain("sandbox:admin");
        copySecret.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        emptyPrefix.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await emptyPrefix.Content.ReadAsStringAsync()).ShouldContain("segment prefix");
        productionsName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await productionsName.Content.ReadAsStringAsync()).ShouldContain("production's segment (destination 'vip')");
        changed.SegmentPrefix.ShouldBe("olga-test ");
        changed.AllowFullSends.ShouldBeFalse();
        _harness.Simulator.Segments.ShouldBeEmpty();
    }

    // The exported file of a catalog without orchestrations ends with an empty list.
    private async Task<AuditEntry[]> AuditAsync() => (await Http.GetFromJsonAsync<AuditEntry[]>("/api/audit?limit=1000", HeraldApi.Json))!;

    private static string WithEveryoneOrchestration(string file) =>
        file.Replace("orchestrations: []\n", "orchestrations:\n", StringComparison.Ordinal) + EveryoneOrchestration;

    private async Task<HttpClient> ClientForNewUserAsync(string name, string policy)
    {
        (await Http.PostAsJsonAsync("/api/users", new UserInput(name, null, [policy]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var made = await HeraldApi.ReadAsync<NewApiKeyView>(await Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("sandbox", name)), HttpStatusCode.Created);
        return new HttpClient { BaseAddress = _harness.Herald.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", made.Key } } };
    }
}
