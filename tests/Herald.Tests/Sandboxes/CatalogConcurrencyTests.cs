using System.Net;
using System.Net.Http.Json;
using Herald.Application.Access;
using Herald.Application.Configuration;
using Herald.Application.Sandboxes;
using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.Server.Api;
using Herald.Tests.Segments;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// A configuration file applied and a sandbox promoted read production, then write it in one transaction: an edit that
/// lands between the two is never overwritten; the apply or promotion is refused, saying what to do, and changes nothing.
/// </summary>
public sealed class CatalogConcurrencyTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    private IServiceProvider Services => _harness.Herald.Services;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ConfigApply_WhenProductionIsEditedBetweenItsReadAndItsWrite_IsRefusedAsAConflict_AndKeepsTheEdit()
    {
        var changed = (await Http.GetStringAsync("/api/config")).Replace("segmentName: VIP\n", "segmentName: VIP gold\n", StringComparison.Ordinal);
        var useCases = new ConfigurationUseCases(EditedMeanwhile(), Services.GetRequiredService<ConfigurationChecks>(), Services.GetRequiredService<AuditTrail>(),
            TimeProvider.System);

        var applied = await useCases.ApplyAsync(Caller.Herald("concurrency-test"), changed, dryRun: false, CancellationToken.None);

        applied.Succeeded.ShouldBeFalse();
        applied.Refusal!.Kind.ShouldBe(RefusalKind.Conflict);
        applied.Refusal.Message.ShouldContain("Production changed while the file was being applied");
        applied.Refusal.Message.ShouldContain("herald config export");
        var vip = (await Http.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!;
        (vip.SegmentName, vip.Description).ShouldBe(("VIP", "edited meanwhile"));
    }

    [Fact]
    public async Task ConfigApply_WhenASavedSegmentIsEditedBetweenItsReadAndItsWrite_IsRefusedAsAConflict_AndKeepsTheSegmentsEdit()
    {
        await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        var changed = (await Http.GetStringAsync("/api/config")).Replace("segmentName: VIP\n", "segmentName: VIP gold\n", StringComparison.Ordinal);
        const string EditedSql = SegmentHarness.GoldSql + " AND email IS NOT NULL";
        var useCases = new ConfigurationUseCases(EditedMeanwhile(async () =>
                (await Http.PutAsJsonAsync("/api/segments/gold", new SegmentUpdate(EditedSql, null))).StatusCode.ShouldBe(HttpStatusCode.OK)),
            Services.GetRequiredService<ConfigurationChecks>(), Services.GetRequiredService<AuditTrail>(), TimeProvider.System);

        var applied = await useCases.ApplyAsync(Caller.Herald("concurrency-test"), changed, dryRun: false, CancellationToken.None);

        applied.Succeeded.ShouldBeFalse();
        applied.Refusal!.Kind.ShouldBe(RefusalKind.Conflict);
        applied.Refusal.Message.ShouldContain("Production changed while the file was being applied");
        (await Http.GetFromJsonAsync<SegmentView>("/api/segments/gold", HeraldApi.Json))!.Sql.ShouldBe(EditedSql);
        (await Http.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!.SegmentName.ShouldBe("VIP");
    }

    [Fact]
    public async Task Promote_WhenProductionIsEditedBetweenItsReadAndItsWrite_IsRefusedAsAConflict_KeepsTheEdit_AndTheSandbox()
    {
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var changed = (await Http.GetStringAsync("/api/sandboxes/trial/config")).Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(changed))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var useCases = new SandboxUseCases(Services.GetRequiredService<ISandboxStore>(), EditedMeanwhile(), Services.GetRequiredService<ConfigurationChecks>(),
            Services.GetRequiredService<AuditTrail>(), TimeProvider.System);

        var promoted = await useCases.PromoteAsync(Caller.Herald("concurrency-test"), "trial", "the trial segment", deleteAfter: true, CancellationToken.None);

        promoted.Succeeded.ShouldBeFalse();
        promoted.Refusal!.Kind.ShouldBe(RefusalKind.Conflict);
        promoted.Refusal.Message.ShouldContain("herald sandbox pull trial");
        var vip = (await Http.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!;
        (vip.SegmentName, vip.Description).ShouldBe(("VIP", "edited meanwhile"));
        (await Http.GetStringAsync("/api/sandboxes/trial/config")).ShouldBe(changed);
    }

    // Another user's edit through the API, as it would land from another request: by default, the destination's description.
    private EditingBetweenReadAndWrite EditedMeanwhile(Func<Task>? edit = null) => new(Services.GetRequiredService<ICatalogStore>(), edit ?? (async () =>
        (await Http.PutAsJsonAsync("/api/destinations/vip", new DestinationUpdate(null, null, null, "edited meanwhile", SkipConnectionTest: true)))
            .StatusCode.ShouldBe(HttpStatusCode.OK)));
}
