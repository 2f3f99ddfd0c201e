using System.Net;
using System.Net.Http.Json;
using Herald.Core.Access;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Cli;

/// <summary><c>herald config export</c> and <c>herald config apply</c> against real servers, each on a data directory of its own.</summary>
public sealed class ConfigCommandTests : IAsyncLifetime
{
    private const string Token = "secret-token-never-in-files";
    private HeraldHarness _harness = null!;
    private TestDirectory _files = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        _files = new TestDirectory("config-files");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Export_ThenApplyOnAFreshInstallation_ThenExport_GivesTheSameFile_WithoutAnySecret()
    {
        await AddCatalogAsync(_harness);
        await AddSchedulesAsync(_harness);
        await AddSegmentAsync(_harness);
        var exported = await RunAsync(_harness, "config", "export");
        await using var fresh = await HeraldHarness.StartAsync(sourcePath: _harness.SourcePath);

        var dryRun = await RunAsync(fresh, "config", "apply", await SaveAsync(exported.Output), "--dry-run");
        var emptyAfterDryRun = await fresh.Api.Http.GetStringAsync("/api/orchestrations");
        var applied = await RunAsync(fresh, "config", "apply", await SaveAsync(exported.Output));
        var exportedAgain = await RunAsync(fresh, "config", "export");

        exported.ExitCode.ShouldBe(0, exported.ToString());
        exported.Output.ShouldContain("name: vip-daily");
        exported.Output.ShouldContain("partnerName: herald-demo", customMessage: exported.Output);
        exported.Output.ShouldContain("schedules:\n  - name: vip-daily\n    cron: \"0 6 * * *\"\n    timeZone: Europe/Istanbul\n    paused: true\n" +
            "  - name: vip-followers\n    after: vip-daily\n    paused: false\n", customMessage: exported.Output);
        dryRun.Output.ShouldContain("Dry run, nothing changed: 8 added, 0 changed, 0 removed.");
        emptyAfterDryRun.ShouldBe("[]");
        applied.ExitCode.ShouldBe(0, applied.ToString());
        applied.Output.ShouldContain("Applied: 8 added, 0 changed, 0 removed.");
        var schedule = (await fresh.Api.Http.GetFromJsonAsync<ScheduleView>("/api/orchestrations/vip-daily/schedule", HeraldApi.Json))!;
        (schedule.Cron, schedule.TimeZone, schedule.State).ShouldBe(("0 6 * * *", "Europe/Istanbul", "paused"));
        exported.Output.ShouldContain("segments:");
        exported.Output.ShouldContain("identifierColumn: email");
        var segment = (await fresh.Api.Http.GetFromJsonAsync<SegmentView>("/api/segments/gold", HeraldApi.Json))!;
        segment.Sql.ShouldBe("SELECT amperity_id\nFROM Customer_360\nWHERE loyalty_tier = 'gold'");
        segment.UsedBy.ShouldBe(["gold-emails"]);
        applied.Output.ShouldContain("Warning: The credential 'insider' is new and holds no secret yet (api-token)");
        exportedAgain.Output.ShouldBe(exported.Output);
        foreach (var output in new[] { exported, applied, exportedAgain })
        {
            output.AllOutput.ShouldNotContain(Token);
        }
    }

    [Fact]
    public async Task Apply_OfAnUnchangedInstallationsExport_ChangesNothing_AndRecordsNothing()
    {
        await AddCatalogAsync(_harness);
        var exported = await RunAsync(_harness, "config", "export");
        var destinationBefore = await _harness.Api.Http.GetStringAsync("/api/destinations/vip");
        var auditBefore = await AuditAsync();

        var applied = await RunAsync(_harness, "config", "apply", await SaveAsync(exported.Output));

        applied.ExitCode.ShouldBe(0, applied.ToString());
        applied.Output.ShouldStartWith("Nothing to change: 0 added, 0 changed, 0 removed.");
        (await _harness.Api.Http.GetStringAsync("/api/destinations/vip")).ShouldBe(destinationBefore);
        (await AuditAsync()).Length.ShouldBe(auditBefore.Length);
    }

    [Fact]
    public async Task Apply_WithDryRun_ShowsTheDifferenceFieldByField_AndChangesNothing()
    {
        await AddCatalogAsync(_harness);
        var exported = await RunAsync(_harness, "config", "export");
        var changed = exported.Output.Replace("segmentName: VIP", "segmentName: VIP gold", StringComparison.Ordinal);
        var auditBefore = await AuditAsync();

        var dryRun = await RunAsync(_harness, "config", "apply", await SaveAsync(changed), "--dry-run");

        dryRun.ExitCode.ShouldBe(0, dryRun.ToString());
        dryRun.Output.ShouldContain("Dry run, nothing changed: 0 added, 1 changed, 0 removed.");
        dryRun.Output.ShouldContain("settings.segmentName: \"VIP\" -> \"VIP gold\"");
        (await RunAsync(_harness, "config", "export")).Output.ShouldBe(exported.Output);
        (await AuditAsync()).Length.ShouldBe(auditBefore.Length);
    }

    [Fact]
    public async Task Apply_ChangingADestinationAndAddingAnOrchestration_MakesBoth_WithOneAuditEntryHoldingTheDifference()
    {
        await AddCatalogAsync(_harness);
        var exported = (await RunAsync(_harness, "config", "export")).Output;
        var changed = exported.Replace("segmentName: VIP", "segmentName: VIP gold", StringComparison.Ordinal) + """
              - name: vip-weekly
                destination: vip
                allowEmpty: true
                query: SELECT email FROM Customer_360 WHERE loyalty_tier = 'silver'

            """;
        var auditBefore = await AuditAsync();

        var applied = await RunAsync(_harness, "config", "apply", await SaveAsync(changed));

        applied.ExitCode.ShouldBe(0, applied.ToString());
        applied.Output.ShouldContain("Applied: 1 added, 1 changed, 0 removed.");
        (await _harness.Api.Http.GetFromJsonAsync<DestinationView>("/api/destinations/vip", HeraldApi.Json))!.SegmentName.ShouldBe("VIP gold");
        (await _harness.Api.Http.GetFromJsonAsync<OrchestrationView>("/api/orchestrations/vip-weekly", HeraldApi.Json))!.AllowEmpty.ShouldBeTrue();
        var entry = (await AuditAsync()).Except(auditBefore).ShouldHaveSingleItem();
        (entry.Operation, entry.Subject, entry.Outcome).ShouldBe(("apply configuration", "1 added, 1 changed, 0 removed", "done"));
        entry.Action.ShouldBe("destination:edit,orchestration:edit");
        entry.After.ShouldNotBeNull().ShouldContain("VIP gold");
        entry.After.ShouldContain("vip-weekly");
    }

    [Fact]
    public async Task Apply_WhenOneEntryIsInvalid_RefusesTheWholeFile_NamingEachProblem_AndChangesNothing()
    {
        await AddCatalogAsync(_harness);
        var exported = (await RunAsync(_harness, "config", "export")).Output;
        var broken = exported.Replace("segmentName: VIP", "segmentName: VIP gold", StringComparison.Ordinal) + """
              - name: orphan
                destination: no-such-destination
                query: SELECT email FROM Customer_360
              - name: wrong-column
                destination: vip
                query: SELECT phone FROM Customer_360

            """;

        var applied = await RunAsync(_harness, "config", "apply", await SaveAsync(broken));

        applied.ExitCode.ShouldNotBe(0);
        applied.Error.ShouldContain("The configuration was not applied: 2 problem(s) to fix; nothing changed.");
        applied.Error.ShouldContain("The orchestration 'orphan': its destination 'no-such-destination' is not in the file");
        applied.Error.ShouldContain("The orchestration 'wrong-column':");
        (await RunAsync(_harness, "config", "export")).Output.ShouldBe(exported);
        (await AuditAsync()).First().Outcome.ShouldBe("refused");
    }

    [Fact]
    public async Task Apply_WhenTheStoreFailsMidway_LeavesTheCatalogAndTheAuditLogUnchanged()
    {
        await AddCatalogAsync(_harness);
        var exported = (await RunAsync(_harness, "config", "export")).Output;
        var changed = exported.Replace("segmentName: VIP", "segmentName: VIP gold", StringComparison.Ordinal) + """
              - name: zz-fails-on-insert
                destination: vip
                query: SELECT email FROM Customer_360

            """;
        // A fault after the destination is written and before the orchestration is: the database itself refuses the insert.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_harness.DataDirectory, "herald.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER fail_midway BEFORE INSERT ON orchestrations WHEN NEW.name = 'zz-fails-on-insert' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;";
            await trigger.ExecuteNonQueryAsync();
        }
        var auditBefore = await AuditAsync();

        var applied = await RunAsync(_harness, "config", "apply", await SaveAsync(changed));

        applied.ExitCode.ShouldNotBe(0);
        (await RunAsync(_harness, "config", "export")).Output.ShouldBe(exported);
        (await AuditAsync()).Length.ShouldBe(auditBefore.Length);
    }

    [Fact]
    public async Task Apply_ByAViewer_IsForbiddenNamingTheAction_AndChangesNothing()
    {
        await AddCatalogAsync(_harness);
        var exported = (await RunAsync(_harness, "config", "export")).Output;
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new UserInput("vic", null, ["Viewer"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = await HeraldApi.ReadAsync<NewApiKeyView>(await _harness.Api.Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("config", "vic")), HttpStatusCode.Created);
        var environment = Environment(_harness);
        environment["HERALD_API_KEY"] = key.Key;

        var viewerExport = await CliRunner.RunAsync(environment, ["config", "export"]);
        var applied = await CliRunner.RunAsync(environment,
            ["config", "apply", await SaveAsync(exported.Replace("segmentName: VIP", "segmentName: Mine", StringComparison.Ordinal))]);

        viewerExport.ExitCode.ShouldBe(0, viewerExport.ToString());
        viewerExport.Output.ShouldBe(exported);
        applied.ExitCode.ShouldBe(4, applied.ToString());
        applied.Error.ShouldContain("'vic' may not do destination:edit");
        (await RunAsync(_harness, "config", "export")).Output.ShouldBe(exported);
    }

    [Fact]
    public async Task Apply_OfAFileLargerThanTheSetting_IsRefusedUnread()
    {
        await using var small = await HeraldHarness.StartAsync(sourcePath: _harness.SourcePath,
            settings: new Dictionary<string, string?> { ["Herald:Api:MaxConfigurationBytes"] = "2048" });
        var file = "version: 1\n# " + new string('x', 4096) + "\n";

        var applied = await RunAsync(small, "config", "apply", await SaveAsync(file));

        applied.ExitCode.ShouldNotBe(0);
        applied.Error.ShouldContain("Herald:Api:MaxConfigurationBytes");
    }

    [Fact]
    public async Task ARunOfACredentialAppliedFromAFile_BeforeItsSecretIsEntered_FailsSayingSo_AndSendsNothing()
    {
        await AddCatalogAsync(_harness);
        var exported = (await RunAsync(_harness, "config", "export")).Output;
        await using var fresh = await HeraldHarness.StartAsync(sourcePath: _harness.SourcePath);
        (await RunAsync(fresh, "config", "apply", await SaveAsync(exported))).ExitCode.ShouldBe(0);

        var started = await HeraldApi.ReadAsync<RunView>(await fresh.Api.Http.PostAsJsonAsync("/api/orchestrations/vip-daily/runs", new RunRequest()), HttpStatusCode.Accepted);
        var run = await fresh.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("failed", run.Reason);
        run.Reason.ShouldContain("api-token");
        fresh.Simulator.Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAdminOnlyDestination_TravelsThroughTheFile_AndKeepsTheWholeFileFromCallersWhoMayNotSeeIt()
    {
        await AddCatalogAsync(_harness);
        (await _harness.Api.Http.PostAsJsonAsync("/api/destinations", new DestinationInput("vault", "insider", "Vault", "email", null,
            SkipConnectionTest: true, AdminOnly: true, PiiAllowed: true))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new UserInput("uma", null, ["User"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = await HeraldApi.ReadAsync<NewApiKeyView>(await _harness.Api.Http.PostAsJsonAsync("/api/apikeys", new ApiKeyInput("config", "uma")), HttpStatusCode.Created);
        var uma = Environment(_harness);
        uma["HERALD_API_KEY"] = key.Key;

        var exported = await RunAsync(_harness, "config", "export");
        var umasExport = await CliRunner.RunAsync(uma, ["config", "export"]);
        var umasSandbox = await CliRunner.RunAsync(uma, ["sandbox", "create", "peek"]);
        await using var fresh = await HeraldHarness.StartAsync(sourcePath: _harness.SourcePath);
        await RunAsync(fresh, "config", "apply", await SaveAsync(exported.Output));

        exported.Output.ShouldContain("  - name: vault\n    credential: insider\n    adminOnly: true\n    piiAllowed: true\n");
        umasExport.ExitCode.ShouldBe(4, umasExport.ToString());
        umasExport.Error.ShouldContain("destination:admin-only");
        umasExport.Output.ShouldNotContain("vault");
        umasSandbox.ExitCode.ShouldBe(4, umasSandbox.ToString());
        (await fresh.Api.Http.GetFromJsonAsync<DestinationView>("/api/destinations/vault", HeraldApi.Json))!.AdminOnly.ShouldBeTrue();
        (await RunAsync(fresh, "config", "export")).Output.ShouldBe(exported.Output);
    }

    private static async Task AddCatalogAsync(HeraldHarness harness)
    {
        await harness.Api.AddCredentialAsync("insider", token: Token);
        await harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        var orchestration = await harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new OrchestrationInput("vip-daily", "vip", "SELECT email\nFROM Customer_360\nWHERE loyalty_tier = 'gold'", Description: "Gold members: \"daily\""));
        orchestration.StatusCode.ShouldBe(HttpStatusCode.Created, await orchestration.Content.ReadAsStringAsync());
    }

    // A cron schedule, paused, and an orchestration that runs after it.
    private static async Task AddSchedulesAsync(HeraldHarness harness)
    {
        var http = harness.Api.Http;
        (await http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput("vip-followers", "vip", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'silver'")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await http.PutAsJsonAsync("/api/orchestrations/vip-daily/schedule", new ScheduleInput("0 6 * * *", "Europe/Istanbul"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsync("/api/orchestrations/vip-daily/schedule/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PutAsJsonAsync("/api/orchestrations/vip-followers/schedule", new ScheduleInput(After: "vip-daily"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A saved segment of several lines and an orchestration sending it through its members' emails.</summary>
    private static async Task AddSegmentAsync(HeraldHarness harness)
    {
        var segment = await harness.Api.Http.PostAsJsonAsync("/api/segments",
            new SegmentInput("gold", "SELECT amperity_id\nFROM Customer_360\nWHERE loyalty_tier = 'gold'", "Gold tier: \"VIP\""));
        segment.StatusCode.ShouldBe(HttpStatusCode.Created, await segment.Content.ReadAsStringAsync());
        var orchestration = await harness.Api.Http.PostAsJsonAsync("/api/orchestrations",
            new OrchestrationInput("gold-emails", "vip", null, Segment: "gold", IdentifierColumn: "email"));
        orchestration.StatusCode.ShouldBe(HttpStatusCode.Created, await orchestration.Content.ReadAsStringAsync());
    }

    private async Task<AuditEntry[]> AuditAsync() =>
        (await _harness.Api.Http.GetFromJsonAsync<AuditEntry[]>("/api/audit?limit=1000", HeraldApi.Json))!;

    private async Task<string> SaveAsync(string text)
    {
        var path = Path.Combine(_files.Path, $"herald-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static Dictionary<string, string?> Environment(HeraldHarness harness) => new()
    {
        ["HERALD_SERVER"] = harness.Herald.BaseUrl.ToString(),
        ["HERALD_API_KEY"] = harness.Herald.ApiKey,
    };

    private static Task<CliResult> RunAsync(HeraldHarness harness, params string[] args) => CliRunner.RunAsync(Environment(harness), args);
}
