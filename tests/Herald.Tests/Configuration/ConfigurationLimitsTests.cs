using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Configuration;

/// <summary>
/// A configuration file's checks are bounded: a file that adds or changes more entries than Herald:Configuration:MaxChangedEntries
/// is refused before any of its queries runs, whether applied to production or to a sandbox.
/// </summary>
public sealed class ConfigurationLimitsTests
{
    [Fact]
    public async Task ConfigurationFile_AddingMoreEntriesThanTheLimit_IsRefusedNamingTheSetting_BeforeAnyQueryRuns_AndNothingChanges()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Configuration:MaxChangedEntries"] = "3" });
        await harness.Api.AddCredentialAsync("insider");
        await harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        var http = harness.Api.Http;
        (await http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("many"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var production = await http.GetStringAsync("/api/config");
        // Four new orchestrations whose queries would fail if they ran: the refusal must come before any of them does.
        var many = production.Replace("orchestrations: []\n", "orchestrations:\n" + string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"  - name: o{i}\n    destination: vip\n    query: SELECT email FROM no_such_table_{i}\n")), StringComparison.Ordinal);
        var three = production.Replace("orchestrations: []\n", "orchestrations:\n" + string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"  - name: o{i}\n    destination: vip\n    query: SELECT email FROM Customer_360\n")), StringComparison.Ordinal);

        using var toProduction = await http.PostAsync("/api/config/apply", new StringContent(many));
        using var toSandbox = await http.PostAsync("/api/sandboxes/many/config/apply?dryRun=true", new StringContent(many));
        using var withinTheLimit = await http.PostAsync("/api/sandboxes/many/config/apply", new StringContent(three));

        foreach (var refused in new[] { toProduction, toSandbox })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var text = await refused.Content.ReadAsStringAsync();
            text.ShouldContain("adds or changes 4 entries");
            text.ShouldContain("Herald:Configuration:MaxChangedEntries");
            text.ShouldNotContain("no_such_table");
        }
        withinTheLimit.StatusCode.ShouldBe(HttpStatusCode.OK, await withinTheLimit.Content.ReadAsStringAsync());
        (await http.GetStringAsync("/api/config")).ShouldBe(production);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task Start_WithMaxChangedEntriesOutOfRange_IsRefusedNamingTheSetting(string value)
    {
        using var directory = new TestDirectory("configuration-settings");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        var sample = await TestDatabases.SampleAsync();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            Path.Combine(directory.Path, "data"), simulator, sample, new Dictionary<string, string?> { ["Herald:Configuration:MaxChangedEntries"] = value }, null));

        refused.Message.ShouldContain("Herald:Configuration:MaxChangedEntries");
    }
}
