using System.Net;
using System.Net.Http.Json;
using Herald.Application.Access;
using Herald.Application.Configuration;
using Herald.Application.Sandboxes;
using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.Core.Sandboxes;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// Every save of a sandbox names the version it read (migration 21): a change to the sandbox that lands between a
/// promotion's (or another save's) read and its write is never overwritten; the later write is refused and changes nothing.
/// </summary>
public sealed class SandboxConcurrencyTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    private IServiceProvider Services => _harness.Herald.Services;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Promote_WhenTheSandboxIsAppliedToBetweenItsReadAndItsWrite_IsRefusedAsAConflict_LeavesProductionUnchanged_AndKeepsTheApply(bool deleteAfter)
    {
        var production = await Http.GetStringAsync("/api/config");
        var first = await ApplyToSandboxAsync("VIP trial");
        var applyMeanwhile = new EditingBetweenReadAndWrite(Services.GetRequiredService<ICatalogStore>(), async () => await ApplyToSandboxAsync("VIP later"));
        var useCases = new SandboxUseCases(Services.GetRequiredService<ISandboxStore>(), applyMeanwhile, Services.GetRequiredService<ConfigurationChecks>(),
            Services.GetRequiredService<AuditTrail>(), TimeProvider.System);

        var promoted = await useCases.PromoteAsync(Caller.Herald("concurrency-test"), "trial", "the trial segment", deleteAfter, CancellationToken.None);

        promoted.Succeeded.ShouldBeFalse();
        promoted.Refusal!.Kind.ShouldBe(RefusalKind.Conflict);
        promoted.Refusal.Message.ShouldContain("The sandbox 'trial' changed while it was being promoted");
        promoted.Refusal.Message.ShouldContain("Look at the sandbox 'trial' again");
        (await Http.GetStringAsync("/api/config")).ShouldBe(production);
        (await Http.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!.SegmentName.ShouldBe("VIP");
        var kept = await Http.GetStringAsync("/api/sandboxes/trial/config");
        kept.ShouldContain("segmentName: VIP later\n");
        kept.ShouldNotBe(first);
    }

    [Fact]
    public async Task SandboxSave_FromAReadOlderThanTheLastSave_IsRefused_AndKeepsTheFirstSave()
    {
        var store = Services.GetRequiredService<ISandboxStore>();
        var read = (await store.FindAsync("trial", CancellationToken.None))!;
        var sameRead = (await store.FindAsync("trial", CancellationToken.None))!;

        await store.SaveAsync(read with { SegmentPrefix = "first-" }, CancellationToken.None);
        var second = () => store.SaveAsync(sameRead with { SegmentPrefix = "second-" }, CancellationToken.None);

        (await Should.ThrowAsync<SandboxChangedException>(second)).Message.ShouldContain("trial");
        var saved = (await store.FindAsync("trial", CancellationToken.None))!;
        saved.SegmentPrefix.ShouldBe("first-");
        saved.Version.ShouldBe(read.Version + 1);
    }

    [Fact]
    public async Task SandboxSave_AfterTheSandboxWasDeleted_IsRefused_AndDoesNotBringItBack()
    {
        var store = Services.GetRequiredService<ISandboxStore>();
        var read = (await store.FindAsync("trial", CancellationToken.None))!;
        (await Http.DeleteAsync("/api/sandboxes/trial")).IsSuccessStatusCode.ShouldBeTrue();

        await Should.ThrowAsync<SandboxChangedException>(() => store.SaveAsync(read with { SegmentPrefix = "revived-" }, CancellationToken.None));

        (await store.FindAsync("trial", CancellationToken.None)).ShouldBeNull();
    }

    // The sandbox's configuration with the destination's segment name changed, applied through the API as another request would.
    private async Task<string> ApplyToSandboxAsync(string segmentName)
    {
        var changed = (await Http.GetStringAsync("/api/sandboxes/trial/config")).Replace("segmentName: VIP\n", $"segmentName: {segmentName}\n", StringComparison.Ordinal)
            .Replace("segmentName: VIP trial\n", $"segmentName: {segmentName}\n", StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(changed))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return changed;
    }
}
