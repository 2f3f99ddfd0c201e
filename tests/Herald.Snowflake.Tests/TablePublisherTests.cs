using Herald.Snowflake.Publishing;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests;

/// <summary>Publishing a table through the batched-INSERT path into the stand-in, as a bridge sync will.</summary>
public sealed class TablePublisherTests
{
    private const string Target = "HERALD.PUBLIC.insider_users";

    [Fact]
    public async Task FullLoad_OfThreeThousandRows_MakesEveryRowReadable_InBatchesWithinTheLimits()
    {
        await using var harness = await SnowflakeHarness.StartAsync(publisher: options => options.BatchRows = 500);

        var publication = await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(3_000)), TestTimeout.Token());

        publication.ShouldBe(new TablePublication("insider_users", LoadMode.Full, 3_000, 0, 0, 6, 3_000));
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(3_000L);
        (await harness.ScalarAsync($"SELECT name FROM {Target} WHERE uuid = 'user-000011'")).ShouldBe("O'Brien, \"Åsa\" 11");
        (await harness.ScalarAsync($"SELECT lifetime_revenue FROM {Target} WHERE uuid = 'user-000002'")).ShouldBe(2.50m);
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target} WHERE email IS NULL")).ShouldBe(428L);
        var inserts = harness.StandIn.Statements.Where(statement => statement.Text.StartsWith("INSERT")).ToList();
        inserts.Count.ShouldBe(6);
        inserts.ShouldAllBe(statement => statement.StatementCount == 1 && statement.BindingCount == 500 * 7);
        harness.StandIn.Statements.ShouldNotContain(statement => statement.Text.Contains("CREATE OR REPLACE") && !statement.Text.Contains("__herald_load"));
        (await harness.ScalarAsync("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%herald_load'")).ShouldBe(0L);
    }

    [Fact]
    public async Task SecondLoad_AfterFiftyRowsChangedAndTenAdded_SendsOnlyThoseSixty()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(3_000)), TestTimeout.Token());
        var before = harness.StandIn.Statements.Count;
        var changedAt = UserRows.FirstVersion.AddDays(1);
        var next = Enumerable.Range(1, 3_010)
            .Select(number => number % 60 == 0 ? UserRows.Row(number, changedAt, name: $"Renamed {number}") : UserRows.Row(number))
            .ToList();

        var publication = await harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream(next), TestTimeout.Token());

        publication.ShouldBe(new TablePublication("insider_users", LoadMode.Incremental, 60, 2_950, 0, 1, 3_010, RowsUpdated: 50));
        var sentRows = harness.StandIn.Statements.Skip(before).Where(statement => statement.Text.StartsWith("INSERT")).Sum(statement => statement.BindingCount) / 7;
        sentRows.ShouldBe(60);
        (await harness.ScalarAsync($"SELECT name FROM {Target} WHERE uuid = 'user-000600'")).ShouldBe("Renamed 600");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target} WHERE name LIKE 'Renamed%'")).ShouldBe(50L);
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(3_010L);
    }

    [Fact]
    public async Task IncrementalLoad_RemovesTheKeysThatAreGone_AndNothingElse()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(100)), TestTimeout.Token());
        var remaining = UserRows.Range(100).Where(row => (string)row[0]! is not ("user-000001" or "user-000050" or "user-000100")).ToList();

        var publication = await harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream(remaining), TestTimeout.Token());

        publication.KeysRemoved.ShouldBe(3);
        publication.RowsSent.ShouldBe(0);
        publication.RowsInTable.ShouldBe(97);
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target} WHERE uuid IN ('user-000001', 'user-000050', 'user-000100')")).ShouldBe(0L);
    }

    [Fact]
    public async Task Load_ThatWouldRemoveMostOfTheTable_StopsBeforeTheSwap_UnlessAllowed()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(100)), TestTimeout.Token());

        var full = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(10)), TestTimeout.Token()));
        var incremental = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream([]), TestTimeout.Token()));
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(100L);

        var allowed = await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(10)), TestTimeout.Token(), allowShrink: true);

        full.Kind.ShouldBe(SnowflakeFailureKind.ShrinkGuard);
        full.Message.ShouldContain("remove 90 of the table's 100 rows");
        full.Message.ShouldContain("ShrinkGuardShare");
        incremental.Message.ShouldContain("remove 100 of the table's 100 rows");
        allowed.RowsInTable.ShouldBe(10);
    }

    [Fact]
    public async Task IncrementalLoad_OfAnEmptyTable_SendsEveryRow()
    {
        await using var harness = await SnowflakeHarness.StartAsync();

        var publication = await harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream(UserRows.Range(40)), TestTimeout.Token());

        publication.RowsSent.ShouldBe(40);
        publication.RowsInTable.ShouldBe(40);
    }

    [Fact]
    public async Task Share_AfterAFullAndAnIncrementalLoad_HoldsTheGrantsAndTheConsumer_AndRerunningChangesNothing()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(200)), TestTimeout.Token());
        // A share whose name LIKE 'HERALD_INSIDER' also matches ('_' is a wildcard), given to someone else.
        await harness.Client.ExecuteAsync(new Herald.Snowflake.Statements.SnowflakeStatement(
            "CREATE SHARE HERALDXINSIDER; GRANT USAGE ON DATABASE HERALD TO SHARE HERALDXINSIDER; ALTER SHARE HERALDXINSIDER ADD ACCOUNTS = OTHERORG.OTHER",
            "another share") { StatementCount = 3 }, TestTimeout.Token());
        var first = await harness.Publisher.ShareAsync("HERALD_INSIDER", [UserRows.Table], "INSIDERORG.EU_IMPORT", TestTimeout.Token());

        await harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream(UserRows.Range(210)), TestTimeout.Token());
        var second = await harness.Publisher.ShareAsync("HERALD_INSIDER", [UserRows.Table], "INSIDERORG.EU_IMPORT", TestTimeout.Token());

        second.Accounts.ShouldBe(first.Accounts);
        second.Grants.ShouldBe(first.Grants);
        second.Accounts.ShouldBe(["INSIDERORG.EU_IMPORT"]);
        second.Grants.ShouldBe(["USAGE on DATABASE HERALD", "USAGE on SCHEMA HERALD.PUBLIC", "SELECT on TABLE HERALD.PUBLIC.\"insider_users\""], ignoreOrder: true);
        var share = harness.StandIn.Shares.Single(share => share.Name == "HERALD_INSIDER");
        share.Grants.Count.ShouldBe(3);
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(210L);
    }

    [Fact]
    public async Task LoadThatFailsHalfWay_LeavesThePreviousVersionReadable_AndSaysWhy()
    {
        await using var harness = await SnowflakeHarness.StartAsync(client: options => options.MaxRetries = 1, publisher: options => options.BatchRows = 100);
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(500)), TestTimeout.Token());
        harness.StandIn.Faults.FailStatementsContaining = "INSERT INTO HERALD.PUBLIC.\"insider_users__herald_load\"";
        harness.StandIn.Faults.FailAfterMatches = 2;
        var renamed = Enumerable.Range(1, 500).Select(number => UserRows.Row(number, name: "Version two")).ToList();

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(renamed), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Transient);
        failure.Message.ShouldContain("previous version is still in place");
        failure.Message.ShouldContain("load batch 3 of 'insider_users'");
        failure.Message.ShouldContain("after 2 attempt(s)");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(500L);
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target} WHERE name = 'Version two'")).ShouldBe(0L);
        harness.StandIn.Statements.Count(statement => statement.Text.StartsWith("BEGIN")).ShouldBe(1);
    }

    [Fact]
    public async Task SwapThatFailsInsideItsTransaction_RollsBack_LeavingThePreviousVersion()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        // The table was made in Snowflake with a rule the new version breaks: its INSERT fails after the DELETE ran in the transaction.
        await harness.RunAsync("CREATE TABLE HERALD.PUBLIC.\"insider_users\" (\"uuid\" VARCHAR, \"email\" VARCHAR NOT NULL, \"name\" VARCHAR, " +
            "\"email_optin\" BOOLEAN, \"birthday\" DATE, \"lifetime_revenue\" NUMBER(12,2), \"updated_at\" TIMESTAMP_NTZ)");
        var withEmails = UserRows.Range(50).Where(row => row[1] is not null).ToList();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(withEmails), TestTimeout.Token());

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(60)), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Statement);
        failure.Message.ShouldContain("swapping in the new version of 'insider_users'");
        failure.Message.ShouldContain("previous version is still in place");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe((long)withEmails.Count);
    }

    [Fact]
    public async Task SwapWithoutAnAnswer_SaysTheOutcomeIsUnknown_AndTheTableHoldsOneWholeVersion()
    {
        await using var harness = await SnowflakeHarness.StartAsync(client: options => options.MaxRetries = 1);
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(30)), TestTimeout.Token());
        harness.StandIn.Faults.FailStatementsContaining = "BEGIN TRANSACTION";

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(40)), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Transient);
        failure.Message.ShouldContain("could not learn whether the new version of 'insider_users' was swapped in");
        failure.Message.ShouldNotContain("previous version is still in place");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBeOneOf(30L, 40L);
    }

    [Theory]
    [InlineData("Insider_Users", "all lowercase or all uppercase")]
    [InlineData("insider_users\"; DROP TABLE x; --", "letters, digits and '_'")]
    [InlineData("insider_users__herald_load", "load tables")]
    public async Task TableName_ThatIsMixedCaseOrHostile_IsRefusedBeforeAnythingIsSent(string name, string reason)
    {
        await using var harness = await SnowflakeHarness.StartAsync();

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table with { Name = name }, UserRows.Stream(UserRows.Range(1)), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Input);
        failure.Message.ShouldContain(reason);
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public void Columns_InAnotherCaseThanTheTable_OrOfAnUnknownType_AreRefused()
    {
        var table = new TableDefinition("insider_users", [new TableColumn("uuid", "VARCHAR"), new TableColumn("Email", "VARCHAR"), new TableColumn("age", "INT; DROP")], "uuid", null);

        var problems = table.Problems();

        problems.ShouldContain(problem => problem.Contains("'Email'") && problem.Contains("all lowercase"));
        problems.ShouldContain(problem => problem.Contains("'INT; DROP'"));
    }

    [Theory]
    [InlineData("HERALD; DROP TABLE x", "INSIDERORG.EU")]
    [InlineData("HERALD_SHARE", "INSIDERORG.EU; DROP SHARE HERALD_SHARE")]
    [InlineData("HERALD_SHARE", "insider-one")]
    public async Task ShareOrConsumerName_ThatCouldInjectSql_IsRefusedBeforeAnythingIsSent(string share, string consumer)
    {
        await using var harness = await SnowflakeHarness.StartAsync();

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.Publisher.ShareAsync(share, [UserRows.Table], consumer, TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Input);
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task IncrementalRows_OutOfKeyOrder_AreRefused_AndTheTableIsUnchanged()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(UserRows.Range(20)), TestTimeout.Token());
        var shuffled = UserRows.Range(21).OrderByDescending(row => (string)row[0]!).ToList();

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishIncrementalAsync(UserRows.Table, UserRows.Stream(shuffled), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Input);
        failure.Message.ShouldContain("ORDER BY uuid");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(20L);
    }

    [Fact]
    public async Task Row_WithTheWrongNumberOfValues_FailsNamingTheRow_AndPublishesNothing()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        var rows = UserRows.Range(10);
        rows[6] = rows[6][..3];

        var failure = await Should.ThrowAsync<SnowflakeException>(() =>
            harness.Publisher.PublishFullAsync(UserRows.Table, UserRows.Stream(rows), TestTimeout.Token()));

        failure.Message.ShouldContain("Row 7 of 'insider_users'");
        (await harness.ScalarAsync($"SELECT count(*) FROM {Target}")).ShouldBe(0L);
    }
}
