using Herald.Tests.Support;

namespace Herald.Tests.Reliability;

/// <summary>Two Herald instances share one store: each run is worked by one of them at a time, and submitted once.</summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task TwoServersOnOneStore_SubmitEachRunExactlyOnce()
    {
        await using var harness = await HeraldHarness.StartAsync();
        await using var second = await HeraldHarness.StartHeraldAsync(harness.DataDirectory, harness.Simulator, harness.SourcePath, null, null);
        await harness.Api.AddCredentialAsync("shared");
        var runIds = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            await harness.Api.AddDestinationAsync($"shared-{i}", "shared", $"Shared {i}");
            runIds.Add((await harness.Api.SendAsync($"shared-{i}", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'")).Id);
        }

        var runs = new List<Herald.Server.Api.RunView>();
        foreach (var id in runIds)
        {
            runs.Add(await harness.Api.WaitForAsync(id));
        }

        runs.ShouldAllBe(r => r.State == "succeeded");
        runs.ShouldAllBe(r => r.History.Count(e => e.State == "building") == 1, "no step was worked twice");
        for (var i = 0; i < 12; i++)
        {
            harness.Simulator.Requests.Count(r => r.Path.EndsWith("upload") && r.Body.Contains($"\"Shared {i}\"")).ShouldBe(1);
        }
    }
}
