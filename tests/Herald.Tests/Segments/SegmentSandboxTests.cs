using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Segments;

/// <summary>
/// Saved segments travel with a sandbox's configuration: a sandbox's orchestration sends its segment's test audience,
/// and an orchestration naming a segment that production removed meanwhile blocks promotion.
/// </summary>
public sealed class SegmentSandboxTests : IAsyncLifetime
{
    private const string GoldEmails = """
          - name: gold-emails
            destination: vip
            allowEmpty: false
            segment: gold
            identifierColumn: email

        """;

    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SandboxOrchestration_SendingASegment_RunsItsTestAudience_AndCannotBePromotedOnceProductionRemovedTheSegment()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = await Http.GetStringAsync("/api/sandboxes/trial/config");
        file.ShouldContain("segments:");
        var applied = await Http.PostAsync("/api/sandboxes/trial/config/apply",
            new StringContent(file.Replace("orchestrations: []\n", "orchestrations:\n" + GoldEmails, StringComparison.Ordinal)));
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        (await Http.PostAsync("/api/sandboxes/trial/credentials/insider/copy-secret", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var started = await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/sandboxes/trial/orchestrations/gold-emails/runs", null), HttpStatusCode.Accepted);
        var run = await _harness.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        run.Sandbox.ShouldBe("trial");
        var sent = _harness.Simulator.Segments.ShouldHaveSingleItem();
        sent.Name.ShouldBe("sandbox-trial-VIP");
        sent.Values.Count.ShouldBe(run.TestSampleSize!.Value);
        var gold = SegmentHarness.GoldEmails(_harness.SourcePath);
        sent.Values.ShouldAllBe(v => gold.Contains(v.ToLowerInvariant()));

        // Production no longer holds the segment (nothing of production sends it); the sandbox's orchestration still names it.
        (await Http.DeleteAsync("/api/segments/gold")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Http.PostAsJsonAsync("/api/sandboxes/trial/pull", new PullInput())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var production = await Http.GetStringAsync("/api/config");
        var review = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.GetAsync("/api/sandboxes/trial"), HttpStatusCode.OK);
        var promoted = await Http.PostAsJsonAsync("/api/sandboxes/trial/promote", new PromoteInput("should not happen"));

        review.Errors.ShouldHaveSingleItem().ShouldContain("saved segment 'gold' is not in the file");
        promoted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await promoted.Content.ReadAsStringAsync()).ShouldContain("gold-emails");
        (await Http.GetStringAsync("/api/config")).ShouldBe(production);
    }

    [Fact]
    public async Task ConfigFile_RemovingASegmentThatAnOrchestrationStillSends_IsRefusedWhole_AndChangesNothing()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        (await _harness.Api.AddSegmentOrchestrationAsync("gold-emails", "vip", "gold", "email")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var exported = await Http.GetStringAsync("/api/config");
        var withoutSegments = exported[..exported.IndexOf("segments:", StringComparison.Ordinal)];

        var applied = await Http.PostAsync("/api/config/apply", new StringContent(withoutSegments));

        applied.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await applied.Content.ReadAsStringAsync()).ShouldContain("The orchestration 'gold-emails': its saved segment 'gold' is not in the file");
        (await Http.GetStringAsync("/api/config")).ShouldBe(exported);
    }
}
