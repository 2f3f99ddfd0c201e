using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// The API saves destinations as the web UI does (one use case): the plugin's rules, the shrink guard, and a
/// connection test that a person may skip on purpose.
/// </summary>
public sealed class DestinationConnectionTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AddDestination_WithATokenInsiderOneRefuses_IsNotSaved_UnlessTheConnectionTestIsSkipped()
    {
        await _harness.Api.AddCredentialAsync("refused-cred", token: "wrong-token");

        var refused = await _harness.Api.Http.PostAsJsonAsync("/api/destinations", new DestinationInput("refused", "refused-cred", "Refused", "email", null));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("connection test failed");
        (await _harness.Api.Http.GetAsync("/api/destinations/refused")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var skipped = await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput("refused", "refused-cred", "Refused", "email", null, SkipConnectionTest: true));

        skipped.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AddDestination_WithATokenInsiderOneAccepts_IsSavedAfterOneLookUpOfItsSegment()
    {
        await _harness.Api.AddCredentialAsync("good-cred");

        var saved = await _harness.Api.Http.PostAsJsonAsync("/api/destinations", new DestinationInput("good", "good-cred", "Good segment", "email", null, ShrinkGuardShare: 0.2));

        saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await saved.Content.ReadFromJsonAsync<DestinationView>(HeraldApi.Json))!.ShrinkGuardShare.ShouldBe(0.2);
        _harness.Simulator.Requests.ShouldContain(r => r.Path.EndsWith("download") && r.Body.Contains("Good segment"));
        _harness.Simulator.Requests.ShouldNotContain(r => r.Path.EndsWith("upload"));
    }

    [Fact]
    public async Task UpdateDestination_ToACredentialOfAnotherPluginOrAShrinkGuardOverOne_IsRefusedNamingTheField()
    {
        await _harness.Api.AddDestinationAsync("guarded", (await _harness.Api.AddCredentialAsync("guard-cred")).Name, "Guarded");

        var response = await _harness.Api.Http.PutAsJsonAsync("/api/destinations/guarded", new DestinationUpdate(null, null, null, null, ShrinkGuardShare: 1.5));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("must be between 0 and 1");
    }
}
