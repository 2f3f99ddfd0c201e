using System.Net;
using System.Net.Http.Json;
using Herald.Application.Schedules;
using Herald.Server.Api;
using Herald.Tests.Support;
using Herald.Tests.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Schedules;

/// <summary>
/// A real Herald (SQLite store, run engine, simulator over HTTP) on a fake clock: tests move the clock to a slot and let
/// the scheduler make one pass, as its hosted service does when it wakes, then wait for the runs it created to end.
/// </summary>
internal sealed class ScheduledHerald : IAsyncDisposable
{
    private ScheduledHerald(HeraldHarness harness, FakeTimeProvider clock)
    {
        Harness = harness;
        Clock = clock;
    }

    public HeraldHarness Harness { get; }

    public FakeTimeProvider Clock { get; }

    public HeraldApi Api => Harness.Api;

    public static async Task<ScheduledHerald> StartAsync(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(now);
        var all = new Dictionary<string, string?>
        {
            // Runs waiting for a report stay in flight while a test moves the clock by hours.
            ["Herald:InsiderOne:ReportTimeout"] = "3.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new ScheduledHerald(await HeraldHarness.StartAsync(settings: all, clock: clock), clock);
    }

    /// <summary>A credential, a destination and an orchestration of three members; returns the orchestration's name.</summary>
    public async Task<string> AddOrchestrationAsync(string? name = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var destination = await Api.AddDestinationWithCredentialAsync($"scheduled-{suffix}");
        var orchestration = await HeraldApi.ReadAsync<OrchestrationView>(
            await Api.Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput(name ?? $"nightly-{suffix}", destination.Name, Members.Query(0, 3))),
            HttpStatusCode.Created);
        return orchestration.Name;
    }

    public async Task<HttpResponseMessage> TryScheduleAsync(string orchestration, ScheduleInput input) =>
        await Api.Http.PutAsJsonAsync($"/api/orchestrations/{orchestration}/schedule", input);

    public async Task<ScheduleView> ScheduleAsync(string orchestration, ScheduleInput input) =>
        await HeraldApi.ReadAsync<ScheduleView>(await TryScheduleAsync(orchestration, input), HttpStatusCode.OK);

    public async Task<ScheduleView> GetScheduleAsync(string orchestration) =>
        await HeraldApi.ReadAsync<ScheduleView>(await Api.Http.GetAsync($"/api/orchestrations/{orchestration}/schedule"), HttpStatusCode.OK);

    /// <summary>A folder bridge of both tables (the folder target needs no Snowflake); returns its name.</summary>
    public async Task<string> AddFolderBridgeAsync()
    {
        var name = $"bridge-{Guid.NewGuid().ToString("N")[..8]}";
        var created = await Api.Http.PostAsJsonAsync("/api/bridges", new BridgeInput(name, "folder", Folder: name,
            Tables: [new BridgeTableInput("insider_users"), new BridgeTableInput("insider_events")]));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return name;
    }

    public async Task<HttpResponseMessage> TryScheduleBridgeAsync(string bridge, ScheduleInput input) =>
        await Api.Http.PutAsJsonAsync($"/api/bridges/{bridge}/schedule", input);

    public async Task<ScheduleView> ScheduleBridgeAsync(string bridge, ScheduleInput input) =>
        await HeraldApi.ReadAsync<ScheduleView>(await TryScheduleBridgeAsync(bridge, input), HttpStatusCode.OK);

    public async Task<ScheduleView> GetBridgeScheduleAsync(string bridge) =>
        await HeraldApi.ReadAsync<ScheduleView>(await Api.Http.GetAsync($"/api/bridges/{bridge}/schedule"), HttpStatusCode.OK);

    /// <summary>The bridge's syncs, oldest first, each waited for until it is final.</summary>
    public async Task<IReadOnlyList<SyncView>> FinishedSyncsOfAsync(string bridge)
    {
        IReadOnlyList<SyncView> syncs = [];
        await Shared.Eventually.TrueAsync(async () =>
        {
            var details = await HeraldApi.ReadAsync<BridgeDetailsView>(await Api.Http.GetAsync($"/api/bridges/{bridge}"), HttpStatusCode.OK);
            syncs = [.. details.Syncs.OrderBy(s => s.CreatedAt)];
            return syncs.All(s => s.State is "succeeded" or "failed");
        }, $"the syncs of {bridge} have finished");
        return syncs;
    }

    /// <summary>Sets the clock and makes one scheduler pass.</summary>
    public async Task AdvanceToAsync(DateTimeOffset at)
    {
        Clock.SetUtcNow(at);
        await TickAsync();
    }

    public async Task TickAsync() => await Harness.Herald.Services.GetRequiredService<ScheduleTicker>().TickAsync(CancellationToken.None);

    /// <summary>The orchestration's runs, oldest first, each waited for until it is final.</summary>
    public async Task<IReadOnlyList<RunView>> FinishedRunsOfAsync(string orchestration)
    {
        var summaries = await HeraldApi.ReadAsync<List<RunSummary>>(await Api.Http.GetAsync($"/api/runs?orchestration={orchestration}&limit=100"), HttpStatusCode.OK);
        var runs = new List<RunView>();
        foreach (var summary in summaries.OrderBy(s => s.CreatedAt))
        {
            runs.Add(await Api.WaitForAsync(summary.Id));
        }
        return runs;
    }

    /// <summary>The schedule once a condition holds: a listener acts just after the run it heard of is saved.</summary>
    public async Task<ScheduleView> ScheduleWhenAsync(string orchestration, Func<ScheduleView, bool> condition, string what)
    {
        ScheduleView view = null!;
        await Shared.Eventually.TrueAsync(async () => condition(view = await GetScheduleAsync(orchestration)), what);
        return view;
    }

    /// <summary>The reason the run was queued with: who started it and, for a schedule, which slot(s).</summary>
    public static string QueuedReason(RunView run) => run.History[0].Reason;

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();
}
