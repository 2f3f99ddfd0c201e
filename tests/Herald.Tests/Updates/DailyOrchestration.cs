using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Updates;

/// <summary>
/// An orchestration run day after day against one destination, its query changed between days as the customer 360
/// changes: what the people running Herald do.
/// </summary>
internal sealed class DailyOrchestration(HeraldApi api, string name)
{
    public string Name => name;

    public static async Task<DailyOrchestration> CreateAsync(
        HeraldApi api, string segmentName, string updateMode = "replace", bool allowSplit = false, double? shrinkGuardShare = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await api.AddCredentialAsync($"cred-{suffix}");
        var destination = await HeraldApi.ReadAsync<DestinationView>(
            await api.Http.PostAsJsonAsync("/api/destinations",
                new DestinationInput($"dest-{suffix}", $"cred-{suffix}", segmentName, "email", null, updateMode, allowSplit, shrinkGuardShare)),
            HttpStatusCode.Created);
        destination.UpdateMode.ShouldBe(updateMode);
        var orchestration = await HeraldApi.ReadAsync<OrchestrationView>(
            await api.Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput($"daily-{suffix}", destination.Name, Members.Query(0, 1))),
            HttpStatusCode.Created);
        return new DailyOrchestration(api, orchestration.Name);
    }

    /// <summary>Today's run: the query as the customer 360 answers it today, then a run to its end.</summary>
    public async Task<RunView> RunAsync(string query, bool force = false)
    {
        (await api.Http.PutAsJsonAsync($"/api/orchestrations/{name}", new OrchestrationUpdate(null, query, null, null))).EnsureSuccessStatusCode();
        var started = await HeraldApi.ReadAsync<RunView>(
            await api.Http.PostAsJsonAsync($"/api/orchestrations/{name}/runs", new RunRequest(Force: force)), HttpStatusCode.Accepted);
        return await api.WaitForAsync(started.Id);
    }

    public async Task<DiffSampleView> DiffSampleAsync(Guid runId) =>
        await HeraldApi.ReadAsync<DiffSampleView>(await api.Http.GetAsync($"/api/runs/{runId}/diff-sample"), HttpStatusCode.OK);
}
