using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// What the API lists and shows comes from the application's read use cases: filters by name or id, a filter naming
/// nothing matching nothing, and a bounded list.
/// </summary>
public sealed class ReadTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunList_FilteredByDestinationNameOrId_ListsItsRuns_AndANameOfNothingListsNone()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Reads");
        var run = await _harness.Api.SendAsync(destination.Name, "SELECT email FROM Customer_360 LIMIT 3");

        (await ListAsync($"/api/runs?destination={Uri.EscapeDataString(destination.Name)}")).Select(r => r.Id).ShouldBe([run.Id]);
        (await ListAsync($"/api/runs?destination={destination.Id}")).Select(r => r.Id).ShouldBe([run.Id]);
        (await ListAsync("/api/runs?destination=no-such-destination")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task RunList_WithALimitOutsideItsRange_IsRefusedWithTheRange(int limit)
    {
        var response = await _harness.Api.Http.GetAsync($"/api/runs?limit={limit}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("between 1 and 1000");
    }

    [Fact]
    public async Task Orchestration_ShowsItsDestinationAndLastRun_ByNameOrId()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Reads orchestration");
        var created = await HeraldApi.ReadAsync<OrchestrationView>(await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new { name = "reads", destination = destination.Name, query = "SELECT email FROM Customer_360 LIMIT 3" }), HttpStatusCode.Created);
        created.DestinationName.ShouldBe(destination.Name);
        var started = await HeraldApi.ReadAsync<RunView>(await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations/reads/runs", new { }), HttpStatusCode.Accepted);

        var byName = (await _harness.Api.Http.GetFromJsonAsync<OrchestrationView>("/api/orchestrations/reads", HeraldApi.Json))!;
        var byId = (await _harness.Api.Http.GetFromJsonAsync<OrchestrationView>($"/api/orchestrations/{created.Id}", HeraldApi.Json))!;

        byName.LastRun!.Id.ShouldBe(started.Id);
        byId.LastRun!.Id.ShouldBe(started.Id);
        byName.DestinationName.ShouldBe(destination.Name);
    }

    private async Task<RunSummary[]> ListAsync(string path) => (await _harness.Api.Http.GetFromJsonAsync<RunSummary[]>(path, HeraldApi.Json))!;
}
