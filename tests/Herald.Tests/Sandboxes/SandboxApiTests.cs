using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Sandboxes;

/// <summary>Sandboxes through the API of a real server: copied, changed by file, pulled, promoted in one transaction.</summary>
public sealed class SandboxApiTests : IAsyncLifetime
{
    private const string Token = "sandbox-test-token-never-shown";
    private const string WeeklyOrchestration = """
          - name: vip-weekly
            destination: vip
            allowEmpty: true
            query: SELECT email FROM Customer_360 WHERE loyalty_tier = 'silver'

        """;

    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Sandbox_ChangedPulledWithAConflictAndPromoted_LeavesProductionHoldingExactlyTheSandbox_WithOneAuditEntry()
    {
        await AddCatalogAsync(withOrchestration: true);
        var production = await Http.GetStringAsync("/api/config");

        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var copied = await Http.GetStringAsync("/api/sandboxes/trial/config");
        var applied = await ApplyToSandboxAsync("trial", copied.Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal) + WeeklyOrchestration);
        // Production changes meanwhile: a field the sandbox did not touch, and one it did.
        (await Http.PutAsJsonAsync("/api/destinations/vip", new DestinationUpdate(null, "VIP prod", null, "set in production", SkipConnectionTest: true)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var review = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.GetAsync("/api/sandboxes/trial"), HttpStatusCode.OK);
        var promotedTooEarly = await Http.PostAsJsonAsync("/api/sandboxes/trial/promote", new PromoteInput("too early"));
        var pulledUnresolved = await Http.PostAsJsonAsync("/api/sandboxes/trial/pull", new PullInput());
        var pulled = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/pull",
            new PullInput(new Dictionary<string, string> { ["destination/vip/settings.segmentName"] = "sandbox" })), HttpStatusCode.OK);
        var sandboxAfterPull = await Http.GetStringAsync("/api/sandboxes/trial/config");
        var auditBefore = await AuditAsync();
        var promoted = await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsJsonAsync("/api/sandboxes/trial/promote",
            new PromoteInput("VIP trial segment and a weekly send", Delete: true)), HttpStatusCode.OK);

        copied.ShouldBe(production);
        copied.ShouldNotContain(Token);
        applied.Summary.ShouldBe("1 added, 1 changed, 0 removed");
        review.Conflicts.ShouldHaveSingleItem().Key.ShouldBe("destination/vip/settings.segmentName");
        review.ProductionSinceBase.Summary.ShouldBe("0 added, 1 changed, 0 removed");
        promotedTooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await promotedTooEarly.Content.ReadAsStringAsync()).ShouldContain("pull those changes first");
        pulledUnresolved.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await pulledUnresolved.Content.ReadAsStringAsync()).ShouldContain("destination/vip/settings.segmentName");
        pulled.Conflicts.ShouldBeEmpty();
        pulled.ProductionSinceBase.Entries.ShouldBeEmpty();
        sandboxAfterPull.ShouldContain("segmentName: VIP trial\n");
        sandboxAfterPull.ShouldContain("description: set in production\n");
        promoted.Applied.ShouldBeTrue();
        (await Http.GetStringAsync("/api/config")).ShouldBe(sandboxAfterPull);
        var entry = (await AuditAsync()).Except(auditBefore).ShouldHaveSingleItem();
        (entry.Action, entry.Operation, entry.Subject, entry.Detail).ShouldBe(("sandbox:admin", "promote and delete sandbox", "trial", "VIP trial segment and a weekly send"));
        entry.After.ShouldNotBeNull().ShouldContain("vip-weekly");
        (await Http.GetAsync("/api/sandboxes/trial")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Promote_WhenAnOrchestrationNoLongerReturnsItsDestinationsAttribute_IsRefusedNamingIt_AndProductionIsUnchanged()
    {
        await AddCatalogAsync(withOrchestration: false);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("broken"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ApplyToSandboxAsync("broken", (await Http.GetStringAsync("/api/sandboxes/broken/config"))
            .Replace("orchestrations: []\n", "orchestrations:\n" + WeeklyOrchestration, StringComparison.Ordinal));
        // Production's destination now wants phone numbers; pulling brings that into the sandbox, whose query returns emails.
        (await Http.PutAsJsonAsync("/api/destinations/vip", new DestinationUpdate(null, null, "phone_number", null, SkipConnectionTest: true)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Http.PostAsJsonAsync("/api/sandboxes/broken/pull", new PullInput())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var production = await Http.GetStringAsync("/api/config");

        var review = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.GetAsync("/api/sandboxes/broken"), HttpStatusCode.OK);
        var promoted = await Http.PostAsJsonAsync("/api/sandboxes/broken/promote", new PromoteInput("should not happen"));

        review.Errors.ShouldHaveSingleItem().ShouldContain("The orchestration 'vip-weekly'");
        promoted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await promoted.Content.ReadAsStringAsync()).ShouldContain("vip-weekly");
        (await Http.GetStringAsync("/api/config")).ShouldBe(production);
        (await Http.GetAsync("/api/sandboxes/broken")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Promote_WhenTheStoreFailsMidway_LeavesProductionTheSandboxAndTheAuditLogAsTheyWere()
    {
        await AddCatalogAsync(withOrchestration: true);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("faulty"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var copied = await Http.GetStringAsync("/api/sandboxes/faulty/config");
        await ApplyToSandboxAsync("faulty", copied.Replace("segmentName: VIP\n", "segmentName: VIP faulty\n", StringComparison.Ordinal) + WeeklyOrchestration);
        var production = await Http.GetStringAsync("/api/config");
        var sandbox = await Http.GetStringAsync("/api/sandboxes/faulty/config");
        // The destination is written first; the database refuses the orchestration after it.
        await InjectFaultAsync("CREATE TRIGGER fail_midway BEFORE INSERT ON orchestrations WHEN NEW.name = 'vip-weekly' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
        var auditBefore = await AuditAsync();

        var promoted = await Http.PostAsJsonAsync("/api/sandboxes/faulty/promote", new PromoteInput("fails midway", Delete: true));

        promoted.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await Http.GetStringAsync("/api/config")).ShouldBe(production);
        (await Http.GetStringAsync("/api/sandboxes/faulty/config")).ShouldBe(sandbox);
        (await AuditAsync()).Length.ShouldBe(auditBefore.Length);
    }

    [Fact]
    public async Task Operator_WorksInTheirOwnSandbox_CannotPromoteOrDeleteIt_AndOthersDoNotSeeIt()
    {
        await AddCatalogAsync(withOrchestration: true);
        using var olga = await ClientForNewUserAsync("olga", "Operator");
        using var otto = await ClientForNewUserAsync("otto", "Operator");

        (await olga.PostAsJsonAsync("/api/sandboxes", new SandboxInput("olgas"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var file = (await olga.GetStringAsync("/api/sandboxes/olgas/config")).Replace("segmentName: VIP\n", "segmentName: VIP olga\n", StringComparison.Ordinal);
        var applied = await olga.PostAsync("/api/sandboxes/olgas/config/apply", new StringContent(file));
        var promoted = await olga.PostAsJsonAsync("/api/sandboxes/olgas/promote", new PromoteInput("mine"));
        var deleted = await olga.DeleteAsync("/api/sandboxes/olgas");

        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        promoted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await promoted.Content.ReadAsStringAsync()).ShouldContain("'olga' may not do sandbox:admin");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otto.GetFromJsonAsync<SandboxView[]>("/api/sandboxes", HeraldApi.Json)).ShouldBeEmpty();
        (await otto.GetAsync("/api/sandboxes/olgas")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetFromJsonAsync<SandboxView[]>("/api/sandboxes", HeraldApi.Json))!.ShouldHaveSingleItem().Owner.ShouldBe("olga");
        (await Http.GetStringAsync("/api/config")).ShouldContain("segmentName: VIP\n");
    }

    [Theory]
    [InlineData("", "sandbox name is empty")]
    [InlineData("../prod", "may hold only letters")]
    public async Task Create_WithABadName_IsRefusedSayingWhatToChange(string name, string message)
    {
        var created = await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput(name));

        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await created.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task Pull_WithAResolutionThatNamesNoConflict_OrAnUnknownSide_IsRefused_AndChangesNothing()
    {
        await AddCatalogAsync(withOrchestration: false);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("typo"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await Http.GetStringAsync("/api/sandboxes/typo/config");

        var typo = await Http.PostAsJsonAsync("/api/sandboxes/typo/pull", new PullInput(new Dictionary<string, string> { ["destination/vip/settings.segmentNam"] = "sandbox" }));
        var side = await Http.PostAsJsonAsync("/api/sandboxes/typo/pull", new PullInput(new Dictionary<string, string> { ["destination/vip/settings.segmentName"] = "mine" }));
        var message = await Http.PostAsJsonAsync("/api/sandboxes/typo/promote", new PromoteInput(new string('x', 2001)));

        typo.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await typo.Content.ReadAsStringAsync()).ShouldContain("'destination/vip/settings.segmentNam' names no field in conflict; there is none left to resolve");
        side.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await side.Content.ReadAsStringAsync()).ShouldContain("from 'production' or 'sandbox', not 'mine'");
        message.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.GetStringAsync("/api/sandboxes/typo/config")).ShouldBe(before);
    }

    [Fact]
    public async Task ApplyingAFileToAnotherUsersSandbox_IsNotFound_AndChangesNothing()
    {
        await AddCatalogAsync(withOrchestration: false);
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("admins"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await Http.GetStringAsync("/api/sandboxes/admins/config");
        using var olga = await ClientForNewUserAsync("olga", "Operator");

        var applied = await olga.PostAsync("/api/sandboxes/admins/config/apply", new StringContent("version: 1\n"));

        applied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.GetStringAsync("/api/sandboxes/admins/config")).ShouldBe(before);
    }

    private async Task AddCatalogAsync(bool withOrchestration)
    {
        await _harness.Api.AddCredentialAsync("insider", token: Token);
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        if (withOrchestration)
        {
            var orchestration = await Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput("vip-daily", "vip", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'"));
            orchestration.StatusCode.ShouldBe(HttpStatusCode.Created, await orchestration.Content.ReadAsStringAsync());
        }
    }

    private async Task<ConfigurationAppliedView> ApplyToSandboxAsync(string sandbox, string file) =>
        await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsync($"/api/sandboxes/{sandbox}/config/apply", new StringContent(file)), HttpStatusCode.OK);

    private async Task<AuditEntry[]> AuditAsync() => (await Http.GetFromJsonAsync<AuditEntry[]>("/api/audit?limit=1000", HeraldApi.Json))!;

    private async Task InjectFaultAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_harness.DataDirectory, "herald.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<HttpClient> ClientForNewUserAsync(string name, string policy)
    {
        (await Http.PostAsJsonAsync("/api/users", new UserInput(name, null, [policy]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var made = await HeraldApi.ReadAsync<NewApiKeyView>(await Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("sandbox", name)), HttpStatusCode.Created);
        return new HttpClient { BaseAddress = _harness.Herald.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", made.Key } } };
    }
}
