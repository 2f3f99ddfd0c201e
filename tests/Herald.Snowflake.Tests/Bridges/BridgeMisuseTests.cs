using Herald.Application.UseCases;
using Herald.Core.Bridges;
using Herald.Snowflake.Bridges;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>
/// Bridges against careless and hostile input: names that would break out of SQL or a folder, a table name carrying a
/// statement, SQL reading outside the sandbox, a wrong key. Each is refused with what to change, nothing is saved or
/// sent, and no secret appears in what comes back.
/// </summary>
public sealed class BridgeMisuseTests
{
    [Fact]
    public async Task Create_WithHostileNames_IsRefusedNamingEachField_AndSendsNothing()
    {
        await using var harness = await BridgeHarness.StartAsync();

        var refused = await harness.UseCases.CreateAsync(BridgeHarness.Person, BridgeHarness.SnowflakeDraft() with
        {
            Database = "HERALD; DROP DATABASE PROD",
            Schema = "PUBLIC\"--",
            ShareName = "S; GRANT OWNERSHIP ON DATABASE PROD TO SHARE S",
            ConsumerAccount = "INSIDER.ACCT; DROP SHARE X",
        }, TestTimeout.Token());

        refused.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
        refused.Refusal.Problems.Select(p => p.Field).ShouldBe(["Database", "Schema", "ShareName", "ConsumerAccount"], ignoreOrder: true);
        harness.StandIn.Statements.ShouldBeEmpty();
        (await harness.Store.ListBridgesAsync(TestTimeout.Token())).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("insider_users\"; DROP TABLE insider_users; --")]
    [InlineData("insider_users__herald_load")]
    [InlineData("INSIDER_USERS")]
    [InlineData("../../etc/passwd")]
    public async Task Create_WithATableNameThatIsNotOneOfInsiderOnes_IsRefused(string table)
    {
        await using var harness = await BridgeHarness.StartAsync();

        var refused = await harness.UseCases.CreateAsync(BridgeHarness.Person,
            BridgeHarness.SnowflakeDraft() with { Tables = [new BridgeTable(table, null)] }, TestTimeout.Token());

        refused.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Field == "Tables" && p.Message.Contains("choose insider_users or insider_events"));
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task FolderBridge_WithAPathForAFolder_IsRefused(string folder)
    {
        await using var harness = await BridgeHarness.StartAsync();

        var refused = await harness.UseCases.CreateAsync(BridgeHarness.Person,
            new BridgeDraft("escape", "folder", null, null, null, folder, [new BridgeTable("insider_users", null)], null, null, null), TestTimeout.Token());

        refused.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Field == "Folder");
        Directory.Exists(harness.FolderRoot).ShouldBeFalse("nothing was written anywhere");
    }

    [Fact]
    public async Task Create_WithTableSqlReadingOutsideTheSandbox_IsRefusedOnSave()
    {
        await using var harness = await BridgeHarness.StartAsync();

        var refused = await harness.UseCases.CreateAsync(BridgeHarness.Person, BridgeHarness.SnowflakeDraft() with
        {
            Tables = [new BridgeTable("insider_users", "SELECT * FROM read_csv('/etc/passwd')")],
        }, TestTimeout.Token());

        refused.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Field == "Tables" && p.Message.StartsWith("insider_users:"));
        refused.Refusal.Problems.ShouldNotContain(p => p.Message.Contains("root:"), "no file content comes back");
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WhenSnowflakeRefusesTheKey_IsRefusedAsUnavailable_NamingTheFingerprint_WithoutTheKey()
    {
        await using var harness = await BridgeHarness.StartAsync();
        using var stranger = TestKeys.Create();
        await harness.UseKeyAsync(stranger.PrivateKeyPem);

        var refused = await harness.UseCases.CreateAsync(BridgeHarness.Person, BridgeHarness.SnowflakeDraft(), TestTimeout.Token());

        refused.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Unavailable);
        refused.Refusal.Message.ShouldContain(stranger.Fingerprint);
        refused.Refusal.Message.ShouldNotContain("-----BEGIN");
        refused.Refusal.Message.ShouldNotContain(stranger.PrivateKeyPem.Split('\n')[1], Case.Sensitive);
        (await harness.Store.ListBridgesAsync(TestTimeout.Token())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sync_WithAWrongKey_FailsAsACredentialProblem_AndLeavesTheTablesAsTheyWere()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        using var stranger = TestKeys.Create();
        await harness.UseKeyAsync(stranger.PrivateKeyPem);
        harness.ChangeSource("DELETE FROM Customer_360 WHERE amperity_id IN (SELECT amperity_id FROM Customer_360 ORDER BY amperity_id LIMIT 5)");

        var failed = await harness.SyncAsync(bridge);

        failed.State.ShouldBe(BridgeSyncState.Failed);
        failed.Failure.ShouldBe(SyncFailureKind.Credential);
        failed.Failure!.Value.Remedy().ShouldContain("RSA_PUBLIC_KEY_FP");
        failed.Reason.ShouldNotContain("-----BEGIN");
        failed.Reason.ShouldNotContain(stranger.PrivateKeyPem.Split('\n')[1], Case.Sensitive);
        (await harness.CountAsync("SELECT count(*) FROM HERALD.PUBLIC.insider_users")).ShouldBe(BridgeHarness.Customers);
    }

    [Fact]
    public async Task Sync_OfATableWhoseSqlBreaksInsiderOnesRules_LoadsNothing()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        // Saved while valid; the data changes so that the events break the event-name rule at the next sync.
        harness.ChangeSource("UPDATE Unified_Itemized_Transactions SET is_return = true WHERE order_id IN (SELECT order_id FROM Unified_Itemized_Transactions LIMIT 1)");
        var edited = await harness.UseCases.UpdateAsync(BridgeHarness.Person, bridge.Name, new BridgeDraft(null, null, null, null, null, null,
            [new BridgeTable("insider_users", null), new BridgeTable("insider_events", "SELECT * REPLACE ('Purchase Made' AS event_name) FROM (" + Herald.Sources.DuckDb.InsiderTables.InsiderTableTemplate.Events.Sql + ")")],
            null, null, null), TestTimeout.Token());

        edited.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Message.Contains("event_name"));
        var sync = await harness.SyncAsync(bridge);
        sync.State.ShouldBe(BridgeSyncState.Succeeded, "the stored bridge kept its valid tables");
    }
}
