using Herald.Core.Bridges;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>
/// The second load path: a credential with a stage sends each table as a Parquet file written by DuckDB, put on the
/// S3-compatible stage with AWSSDK.S3, and loaded with <c>COPY INTO ... MATCH_BY_COLUMN_NAME</c>; the swap is the same.
/// What a user checks: the tables hold exactly what the INSERT path gives, a failed COPY leaves the previous version,
/// and the stage's secret never shows.
/// </summary>
public sealed class StagedSyncTests
{
    private const string Users = "HERALD.PUBLIC.\"insider_users\"";
    private const string Events = "HERALD.PUBLIC.\"insider_events\"";

    [Fact]
    public async Task Sync_ThroughTheStage_PublishesTheSameTablesAsThroughInserts_FullAndIncremental()
    {
        await using var inserts = await BridgeHarness.StartAsync();
        await using var staged = await BridgeHarness.StartAsync(stage: true);
        foreach (var harness in new[] { inserts, staged })
        {
            var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
            (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        }

        await ShouldHoldTheSameAsync(inserts, staged);
        foreach (var harness in new[] { inserts, staged })
        {
            harness.ChangeSource("""
                UPDATE Transaction_Attributes_Extended SET latest_order_datetime = latest_order_datetime + INTERVAL 1 DAY
                WHERE amperity_id IN (SELECT amperity_id FROM Transaction_Attributes_Extended WHERE latest_order_datetime IS NOT NULL ORDER BY amperity_id LIMIT 50);
                INSERT INTO Customer_360 SELECT * REPLACE ('new-' || amperity_id AS amperity_id) FROM Customer_360 ORDER BY amperity_id LIMIT 10;
                DELETE FROM Customer_360 WHERE amperity_id IN (SELECT amperity_id FROM Customer_360 ORDER BY amperity_id DESC LIMIT 3);
                """);
        }

        var viaInserts = await inserts.SyncAsync((await inserts.Store.ListBridgesAsync(TestTimeout.Token())).Single());
        var viaStage = await staged.SyncAsync((await staged.Store.ListBridgesAsync(TestTimeout.Token())).Single());

        viaStage.State.ShouldBe(BridgeSyncState.Succeeded, viaStage.Reason);
        viaStage.Tables.ShouldBe(viaInserts.Tables, "the counts of each table are the same whichever way the rows travelled");
        await ShouldHoldTheSameAsync(inserts, staged);
        staged.StandIn.Statements.ShouldContain(s => s.Text.StartsWith("COPY INTO", StringComparison.Ordinal) && s.Status == 200);
        staged.StandIn.Statements.Where(s => s.Text.Contains("__herald_load\" (", StringComparison.Ordinal) && s.Text.StartsWith("INSERT", StringComparison.Ordinal))
            .ShouldAllBe(s => s.Text.Contains("herald_deleted", StringComparison.Ordinal), "only removed keys go as INSERTs; rows go through the stage");
        Directory.EnumerateFiles(staged.StandIn.StageRoot, "*", SearchOption.AllDirectories).ShouldBeEmpty("each file is removed from the stage once copied");
    }

    [Fact]
    public async Task Sync_WhenCopyIntoFails_LeavesThePreviousVersionReadable_AndFailsWithTheReason()
    {
        await using var harness = await BridgeHarness.StartAsync(stage: true);
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        var usersBefore = await harness.StandIn.QueryAsync($"SELECT uuid, updated_at FROM {Users} ORDER BY uuid");
        harness.ChangeSource("UPDATE Transaction_Attributes_Extended SET latest_order_datetime = latest_order_datetime + INTERVAL 1 DAY");
        harness.StandIn.Faults.FailStatementsContaining = "COPY INTO";

        var failed = await harness.SyncAsync(bridge);

        failed.State.ShouldBe(BridgeSyncState.Failed);
        failed.Reason.ShouldContain("previous version is still in place and readable");
        failed.Reason.ShouldContain("insider_users");
        (await harness.StandIn.QueryAsync($"SELECT uuid, updated_at FROM {Users} ORDER BY uuid")).ShouldBe(usersBefore);
        failed.Reason.ShouldNotContain(BridgeHarness.StageSecret);
    }

    [Fact]
    public async Task Sync_WhenTheStageRefusesTheAccessKey_FailsAsACredentialProblem_NeverShowingTheSecret()
    {
        await using var harness = await BridgeHarness.StartAsync(standIn: options => options.StageAccessKeyId = "SOMEONEELSESKEY", stage: true);
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());

        var failed = await harness.SyncAsync(bridge);

        failed.State.ShouldBe(BridgeSyncState.Failed);
        failed.Failure.ShouldBe(SyncFailureKind.Credential);
        failed.Reason.ShouldContain("stage access key");
        failed.Reason.ShouldNotContain(BridgeHarness.StageSecret);
        (await harness.CountAsync($"SELECT count(*) FROM {Users}")).ShouldBe(0);
    }

    private static async Task ShouldHoldTheSameAsync(BridgeHarness inserts, BridgeHarness staged)
    {
        foreach (var (table, key) in new[] { (Users, "uuid"), (Events, "event_id") })
        {
            var expected = await inserts.StandIn.QueryAsync($"SELECT * FROM {table} ORDER BY {key}");
            var actual = await staged.StandIn.QueryAsync($"SELECT * FROM {table} ORDER BY {key}");
            actual.Count.ShouldBeGreaterThan(0);
            actual.ShouldBe(expected, $"{table} holds the same rows and values through the stage as through INSERTs");
        }
    }
}
