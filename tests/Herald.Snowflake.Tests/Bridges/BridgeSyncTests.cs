using Herald.Core.Bridges;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>
/// A bridge sync end to end through real components: the sample customer 360 in DuckDB, Herald's SQLite store, the
/// use cases and the sync executor, and the Snowflake stand-in over HTTP. What a user checks: the rows in Snowflake,
/// the counts per table, the share and its grants, and a failed sync's reason with the previous version still readable.
/// </summary>
public sealed class BridgeSyncTests
{
    private const string Users = "HERALD.PUBLIC.insider_users";
    private const string Events = "HERALD.PUBLIC.insider_events";
    private const string SourceEvents = "SELECT count(*) FROM Unified_Itemized_Transactions WHERE NOT is_cancellation";

    [Fact]
    public async Task FullSync_OfTheSample_PublishesBothTables_AndSharesThemWithInsiderOne()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());

        var sync = await harness.SyncAsync(bridge);

        sync.State.ShouldBe(BridgeSyncState.Succeeded, sync.Reason);
        var events = harness.CountSource(SourceEvents);
        (await harness.CountAsync($"SELECT count(*) FROM {Users}")).ShouldBe(BridgeHarness.Customers);
        (await harness.CountAsync($"SELECT count(*) FROM {Events}")).ShouldBe(events);
        sync.Tables.Single(t => t.Table == "insider_users").ShouldBe(new BridgeTableCounts("insider_users", BridgeHarness.Customers, BridgeHarness.Customers, 0, 0, 0, BridgeHarness.Customers));
        sync.Tables.Single(t => t.Table == "insider_events").ShouldBe(new BridgeTableCounts("insider_events", events, events, 0, 0, 0, events));
        ShouldBeSharedWithInsiderOne(sync.Share);
        sync.History.Select(e => e.State).Distinct().ShouldBe(
            [BridgeSyncState.Queued, BridgeSyncState.Building, BridgeSyncState.Loading, BridgeSyncState.Sharing, BridgeSyncState.Succeeded]);
        harness.StandIn.Statements.ShouldNotContain(s => s.Text.Contains("CREATE OR REPLACE TABLE", StringComparison.OrdinalIgnoreCase)
            && !s.Text.Contains("__herald_load", StringComparison.Ordinal), "a shared table is never replaced");
    }

    [Fact]
    public async Task SecondSync_After50UsersChangedAnd10WereAdded_MovesOnlyThose_AndKeepsTheShare()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        // 50 customers ordered again (their latest order moves on a day); 10 new customers with no order yet.
        harness.ChangeSource("""
            UPDATE Transaction_Attributes_Extended SET latest_order_datetime = latest_order_datetime + INTERVAL 1 DAY
            WHERE amperity_id IN (SELECT amperity_id FROM Transaction_Attributes_Extended WHERE latest_order_datetime IS NOT NULL ORDER BY amperity_id LIMIT 50);
            INSERT INTO Customer_360 SELECT * REPLACE ('new-' || amperity_id AS amperity_id) FROM Customer_360 ORDER BY amperity_id LIMIT 10;
            """);
        var statementsBefore = harness.StandIn.Statements.Count;

        var second = await harness.SyncAsync(bridge);

        second.State.ShouldBe(BridgeSyncState.Succeeded, second.Reason);
        var users = second.Tables.Single(t => t.Table == "insider_users");
        users.ShouldBe(new BridgeTableCounts("insider_users", BridgeHarness.Customers + 10, 10, 50, 0, BridgeHarness.Customers - 50, BridgeHarness.Customers + 10));
        var events = second.Tables.Single(t => t.Table == "insider_events");
        (events.Inserted, events.Updated, events.Deleted).ShouldBe((0L, 0L, 0L));
        // Only the 60 rows travelled: the bound values of the second sync's INSERTs are 60 rows of insider_users' columns.
        var columns = (await harness.Source.CheckAsync(new BridgeTable("insider_users", null), TestTimeout.Token())).Columns.Count;
        harness.StandIn.Statements.Skip(statementsBefore).Where(s => s.Executed).Sum(s => s.BindingCount).ShouldBe(60 * columns);
        (await harness.CountAsync($"SELECT count(*) FROM {Users} WHERE uuid LIKE 'new-%'")).ShouldBe(10);
        ShouldBeSharedWithInsiderOne(second.Share);
    }

    [Fact]
    public async Task Sync_ThatFailsHalfWayThroughATable_LeavesThePreviousVersionReadable_AndFailsWithTheReason()
    {
        await using var harness = await BridgeHarness.StartAsync(batchRows: 100);
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        var eventsBefore = await harness.CountAsync($"SELECT count(*) FROM {Events}");
        harness.ChangeSource("""
            UPDATE Unified_Itemized_Transactions SET order_datetime = order_datetime + INTERVAL 1 SECOND;
            UPDATE Transaction_Attributes_Extended SET latest_order_datetime = latest_order_datetime + INTERVAL 1 DAY;
            """);
        // Snowflake fails from the events' third batch on: the load table is half-filled, the swap never runs.
        harness.StandIn.Faults.FailStatementsContaining = "INSERT INTO HERALD.PUBLIC.\"insider_events__herald_load\"";
        harness.StandIn.Faults.FailAfterMatches = 2;

        var failed = await harness.SyncAsync(bridge);

        harness.CountSource(SourceEvents).ShouldBeGreaterThan(300, "the events need more than two batches");
        failed.State.ShouldBe(BridgeSyncState.Failed);
        failed.Failure.ShouldBe(SyncFailureKind.Transient);
        failed.Reason.ShouldContain("batch 3");
        failed.Reason.ShouldContain("previous version is still in place and readable");
        failed.Reason.ShouldContain("Already swapped in by this sync, with their new version: insider_users");
        (await harness.CountAsync($"SELECT count(*) FROM {Events}")).ShouldBe(eventsBefore);
        (await harness.CountAsync($"SELECT count(*) FROM {Events} WHERE updated_at <> \"timestamp\"")).ShouldBe(0);
        failed.Share.ShouldBeNull("a sync that failed before sharing reports no share");
    }

    [Fact]
    public async Task Sync_WhenSnowflakeAnswers429And5xx_RetriesAndSucceeds()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        harness.StandIn.Faults.RateLimitNextStatements = 2;
        harness.StandIn.Faults.FailNextStatements = 2;
        harness.StandIn.Faults.LoseNextAnswers = 1;

        var sync = await harness.SyncAsync(bridge);

        sync.State.ShouldBe(BridgeSyncState.Succeeded, sync.Reason);
        (await harness.CountAsync($"SELECT count(*) FROM {Users}")).ShouldBe(BridgeHarness.Customers);
        harness.StandIn.Statements.Count(s => s.Status == 429).ShouldBe(2);
        harness.StandIn.Statements.Count(s => s.Status >= 500).ShouldBe(3);
        harness.StandIn.Statements.ShouldContain(s => s.Retry, "a retried statement carries retry=true with its first requestId");
    }

    [Fact]
    public async Task Sync_ThatWouldEmptyATable_IsStoppedByTheShrinkGuard_UnlessAllowed()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        harness.ChangeSource("DELETE FROM Customer_360 WHERE amperity_id IN (SELECT amperity_id FROM Customer_360 ORDER BY amperity_id LIMIT 150)");

        var stopped = await harness.SyncAsync(bridge);
        var allowed = await harness.SyncAsync(bridge, allowShrink: true);

        stopped.State.ShouldBe(BridgeSyncState.Failed);
        stopped.Failure.ShouldBe(SyncFailureKind.ShrinkGuard);
        stopped.Failure!.Value.Remedy().ShouldContain("allowing the tables to shrink");
        allowed.State.ShouldBe(BridgeSyncState.Succeeded, allowed.Reason);
        allowed.Tables.Single(t => t.Table == "insider_users").Deleted.ShouldBe(150);
        (await harness.CountAsync($"SELECT count(*) FROM {Users}")).ShouldBe(50);
    }

    [Fact]
    public async Task FolderBridge_SyncsWithoutAnAccount_AsParquetWithViews()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(new("insider-folder", "folder", null, null, null, "insider", [new BridgeTable("insider_users", null)], null, null, null));

        var sync = await harness.SyncAsync(bridge);

        sync.State.ShouldBe(BridgeSyncState.Succeeded, sync.Reason);
        sync.Tables.Single().ShouldBe(new BridgeTableCounts("insider_users", BridgeHarness.Customers, BridgeHarness.Customers, 0, 0, 0, BridgeHarness.Customers, Rewritten: true));
        File.Exists(Path.Combine(harness.FolderRoot, "insider", "insider_users.parquet")).ShouldBeTrue();
        harness.StandIn.Statements.ShouldBeEmpty("a folder bridge reaches no Snowflake");
    }

    [Fact]
    public async Task BridgeHistory_ShowsEverySyncNewestFirst_AndSurvivesTheBridgesRemoval()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        var first = await harness.SyncAsync(bridge);
        var second = await harness.SyncAsync(bridge);

        var shown = await harness.UseCases.ShowAsync(BridgeHarness.Person, bridge.Name, TestTimeout.Token());
        var removed = await harness.UseCases.RemoveAsync(BridgeHarness.Person, bridge.Name, TestTimeout.Token());
        var history = await harness.UseCases.ListSyncsAsync(BridgeHarness.Person, 10, TestTimeout.Token());

        shown.Value!.Syncs.Select(s => s.Id).ShouldBe([second.Id, first.Id]);
        shown.Value.Share.ShouldNotBeNull().Name.ShouldBe("HERALD_INSIDER_ONE");
        second.StartedBy.ShouldBe("ada");
        removed.Succeeded.ShouldBeTrue();
        history.Select(s => s.Id).ShouldBe([second.Id, first.Id]);
    }

    private static void ShouldBeSharedWithInsiderOne(BridgeShareState? share)
    {
        share.ShouldNotBeNull().Name.ShouldBe("HERALD_INSIDER_ONE");
        share.Accounts.ShouldContain(account => account.Equals("INSIDERORG.EU_ACCOUNT", StringComparison.OrdinalIgnoreCase));
        share.Grants.ShouldContain(grant => grant.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && grant.Contains("insider_users", StringComparison.Ordinal));
        share.Grants.ShouldContain(grant => grant.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && grant.Contains("insider_events", StringComparison.Ordinal));
        share.Grants.ShouldContain(grant => grant.StartsWith("USAGE", StringComparison.OrdinalIgnoreCase) && grant.Contains("DATABASE", StringComparison.OrdinalIgnoreCase));
    }
}
