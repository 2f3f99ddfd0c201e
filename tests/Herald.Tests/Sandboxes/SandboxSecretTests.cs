using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Simulator;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// Secrets entered in a sandbox, and runs of credentials and destinations that exist only in the sandbox, through a real
/// server and the simulator: the secret is used by that sandbox's runs only, is never shown, and reaches production only
/// with a credential the sandbox added when it is promoted.
/// </summary>
public sealed class SandboxSecretTests : IAsyncLifetime
{
    // Two Insider One accounts: production's, and one only the sandbox knows the token of.
    private const string ProductionToken = "demo-token";
    private const string SandboxPartner = "sandbox-partner";
    private const string SandboxToken = "sbx-secret-8f2c61d0-never-shown";

    private const string SandboxOnlyConfiguration = """
        version: 1
        credentials:
          - name: trial-insider
            plugin: insiderone
            settings:
              partnerName: sandbox-partner
        destinations:
          - name: trial-vip
            credential: trial-insider
            adminOnly: false
            piiAllowed: false
            settings:
              segmentName: Trial VIP
              attributeName: email
        orchestrations:
          - name: trial-everyone
            destination: trial-vip
            allowEmpty: false
            query: SELECT email FROM Customer_360

        """;

    private readonly RecordedLogs _logs = new();
    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync() =>
        _harness = await HeraldHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["Herald:Sandbox:MaxTestValues"] = "10" },
            simulatorOptions: new SimulatorOptions
            {
                ProcessingDelay = TimeSpan.FromMilliseconds(20),
                Accounts =
                [
                    new SimulatorAccount { PartnerName = SimulatorDefaults.PartnerName, Token = ProductionToken },
                    new SimulatorAccount { PartnerName = SandboxPartner, Token = SandboxToken },
                ],
            },
            logSink: _logs);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SandboxOnlyCredentialDestinationAndOrchestration_WithTheSecretEnteredInTheSandbox_SendATestAudienceOfTen_ProductionUntouched_ThenPromoteWithTheSecret()
    {
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(SandboxOnlyConfiguration))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var production = await Http.GetStringAsync("/api/config");

        var withoutSecret = await Http.PostAsync("/api/sandboxes/trial/orchestrations/trial-everyone/runs", null);
        var wrongSecret = await Http.PutAsJsonAsync("/api/sandboxes/trial/credentials/trial-insider/secret", new SandboxSecretInput("not-the-token"));
        var entered = await HeraldApi.ReadAsync<SandboxView>(
            await Http.PutAsJsonAsync("/api/sandboxes/trial/credentials/trial-insider/secret", new SandboxSecretInput(SandboxToken)), HttpStatusCode.OK);
        var started = await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/sandboxes/trial/orchestrations/trial-everyone/runs", null), HttpStatusCode.Accepted);
        var run = await _harness.Api.WaitForAsync(started.Id);
        var productionAfterRun = await Http.GetStringAsync("/api/config");
        var auditBefore = await AuditAsync();
        var promoted = await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/promote",
            new PromoteInput("the trial account", Delete: true)), HttpStatusCode.OK);
        var promotion = (await AuditAsync()).Except(auditBefore).ShouldHaveSingleItem();
        var productionRun = await _harness.Api.WaitForAsync(
            (await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/orchestrations/trial-everyone/runs", null), HttpStatusCode.Accepted)).Id);

        withoutSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutSecret.Content.ReadAsStringAsync()).ShouldContain("herald sandbox secret trial trial-insider");
        wrongSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongSecret.Content.ReadAsStringAsync()).ShouldContain("The secret was not saved");
        entered.OwnSecrets.ShouldBe(["trial-insider"]);
        run.State.ShouldBe("succeeded", run.Reason);
        run.NextStep.ShouldNotBeNull().ShouldContain("herald sandbox promote trial");
        (run.Sandbox, run.SegmentName, run.TestSampleSize, run.Destination.Name).ShouldBe(("trial", "sandbox-trial-Trial VIP", 10, "trial-vip"));
        productionAfterRun.ShouldBe(production);
        production.ShouldNotContain("trial-insider");
        promoted.Applied.ShouldBeTrue();
        promotion.Detail.ShouldBe("the trial account [with the secrets entered in the sandbox of: trial-insider]");
        // Production's own run of the promoted orchestration reaches the sandbox's account: the secret arrived with the credential.
        productionRun.State.ShouldBe("succeeded", productionRun.Reason);
        productionRun.Sandbox.ShouldBeNull();
        _harness.Simulator.Segments.Select(s => s.Name).Order(StringComparer.Ordinal).ShouldBe(["Trial VIP", "sandbox-trial-Trial VIP"]);
        _harness.Simulator.Segments.Single(s => s.Name == "sandbox-trial-Trial VIP").Values.Count.ShouldBe(10);
        (await SandboxSecretRowsAsync()).ShouldBe(0);
        await ShouldNeverShowAsync(SandboxToken, run.Id, productionRun.Id);
    }

    [Fact]
    public async Task SandboxSecret_IsUsedByItsSandboxOnly_BeforeACopiedOne_NeverByAnotherSandboxOrProduction_AndIsNeverShown()
    {
        const string wrongToken = "sbx-wrong-3c9e5a77-never-shown";
        await _harness.Api.AddCredentialAsync("insider", token: ProductionToken);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        var orchestration = await Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput("vip-everyone", "vip", "SELECT email FROM Customer_360", false));
        orchestration.StatusCode.ShouldBe(HttpStatusCode.Created, await orchestration.Content.ReadAsStringAsync());
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("mine"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("other"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var olga = await ClientForNewUserAsync("olga", "User");

        // A token Insider One refuses, saved without the test: whichever run uses it fails, so the runs tell whose secret they sent.
        var entered = await HeraldApi.ReadAsync<SandboxView>(await Http.PutAsJsonAsync("/api/sandboxes/mine/credentials/insider/secret",
            new SandboxSecretInput(wrongToken, SkipConnectionTest: true)), HttpStatusCode.OK);
        (await Http.PostAsync("/api/sandboxes/mine/credentials/insider/copy-secret", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mine = await _harness.Api.WaitForAsync(
            (await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/sandboxes/mine/orchestrations/vip-everyone/runs", null), HttpStatusCode.Accepted)).Id);
        var other = await Http.PostAsync("/api/sandboxes/other/orchestrations/vip-everyone/runs", null);
        var productionRun = await _harness.Api.WaitForAsync(
            (await HeraldApi.ReadAsync<RunView>(await Http.PostAsync("/api/orchestrations/vip-everyone/runs", null), HttpStatusCode.Accepted)).Id);
        var unknownSecret = await Http.PutAsJsonAsync("/api/sandboxes/mine/credentials/insider/secret",
            new SandboxSecretInput(Secrets: new Dictionary<string, string> { ["password"] = "x" }, SkipConnectionTest: true));
        var missingCredential = await Http.PutAsJsonAsync("/api/sandboxes/mine/credentials/nobody/secret", new SandboxSecretInput("x", SkipConnectionTest: true));
        var notTheirs = await olga.PutAsJsonAsync("/api/sandboxes/mine/credentials/insider/secret", new SandboxSecretInput("x", SkipConnectionTest: true));
        var sandboxes = await Http.GetStringAsync("/api/sandboxes");
        (await Http.DeleteAsync("/api/sandboxes/mine")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        entered.OwnSecrets.ShouldBe(["insider"]);
        mine.State.ShouldBe("failed");
        mine.Sandbox.ShouldBe("mine");
        mine.NextStep.ShouldNotBeNull().ShouldContain("herald sandbox secret mine insider --api-token-stdin");
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await other.Content.ReadAsStringAsync()).ShouldContain("has no secret in the sandbox 'other'");
        productionRun.State.ShouldBe("succeeded", productionRun.Reason);
        unknownSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missingCredential.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notTheirs.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        sandboxes.ShouldContain("\"ownSecrets\":[\"insider\"]");
        (await SandboxSecretRowsAsync()).ShouldBe(0);
        await ShouldNeverShowAsync(wrongToken, mine.Id, productionRun.Id);
    }

    private async Task ShouldNeverShowAsync(string secret, params Guid[] runs)
    {
        (await Http.GetStringAsync("/api/audit?limit=1000")).ShouldNotContain(secret);
        (await Http.GetStringAsync("/api/sandboxes")).ShouldNotContain(secret);
        (await Http.GetStringAsync("/api/config")).ShouldNotContain(secret);
        foreach (var run in runs)
        {
            (await Http.GetStringAsync($"/api/runs/{run}")).ShouldNotContain(secret);
        }
        _logs.AllText.ShouldNotContain(secret);
    }

    private async Task<long> SandboxSecretRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_harness.DataDirectory, "herald.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sandbox_secrets";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<AuditEntry[]> AuditAsync() => (await Http.GetFromJsonAsync<AuditEntry[]>("/api/audit?limit=1000", HeraldApi.Json))!;

    private async Task<HttpClient> ClientForNewUserAsync(string name, string policy)
    {
        (await Http.PostAsJsonAsync("/api/users", new UserInput(name, null, [policy]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var made = await HeraldApi.ReadAsync<NewApiKeyView>(await Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("sandbox", name)), HttpStatusCode.Created);
        return new HttpClient { BaseAddress = _harness.Herald.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", made.Key } } };
    }
}
