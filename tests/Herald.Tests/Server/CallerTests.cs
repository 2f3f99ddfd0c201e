using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// Who started a run is the caller as the server knows it, never what a request body says: the history, its filters
/// and (with roles to come) every decision about the run rest on it.
/// </summary>
public sealed class CallerTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Send_WithAStartedByInItsBody_IsRecordedAsStartedByTheApiCaller()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Caller");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/sends", new
        {
            destination = destination.Name,
            query = "SELECT email FROM Customer_360 LIMIT 3",
            startedBy = "schedule",
        });

        var run = await HeraldApi.ReadAsync<RunView>(response, HttpStatusCode.Accepted);
        run.StartedBy.ShouldBe("admin");
        (await _harness.Api.Http.GetFromJsonAsync<RunSummary[]>("/api/runs?startedBy=schedule", HeraldApi.Json))!.ShouldBeEmpty();
    }
}
