using Herald.Snowflake.Statements;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests;

/// <summary>The stand-in reads Snowflake's SQL as Snowflake does before DuckDB runs it.</summary>
public sealed class StandInDialectTests : IAsyncLifetime
{
    private SnowflakeHarness harness = null!;

    public async Task InitializeAsync() => harness = await SnowflakeHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task StringsAndComments_HoldingSemicolonsQuotesAndBackslashes_StayOneStatement()
    {
        var result = await harness.RunAsync("SELECT 'it''s; fine' AS a, 'back\\'slash' AS b, $$dollar; 'quoted'$$ AS c -- a comment; SELECT 2\n/* and; another */");

        (await result.ReadRowsAsync().ToListAsync()).ShouldHaveSingleItem().ShouldBe(["it's; fine", "back'slash", "dollar; 'quoted'"]);
    }

    [Fact]
    public async Task UnquotedNames_AreUppercase_QuotedOnesAsWritten()
    {
        await harness.RunAsync("CREATE TABLE mixed (plain VARCHAR, \"exact_name\" VARCHAR)");

        var result = await harness.RunAsync("select plain, \"exact_name\", 1 as answer from mixed");

        result.Columns.Select(column => column.Name).ShouldBe(["PLAIN", "exact_name", "ANSWER"]);
        (await harness.StandIn.QueryAsync("SELECT table_name FROM duckdb_tables() WHERE lower(table_name) = 'mixed'"))[0][0].ShouldBe("MIXED");
    }

    [Fact]
    public async Task SnowflakeTypes_AreCreatedWithTheirSnowflakeMeaning()
    {
        await harness.RunAsync("CREATE TABLE typed (n NUMBER, i INTEGER, s STRING, t TIMESTAMP_NTZ, z TIMESTAMP_TZ, f FLOAT)");
        await harness.RunAsync("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?)", "12345678901234567890", "7", "x", "2026-11-30 10:00:00", "2026-11-30 10:00:00 +02:00", "0.5");

        var result = await harness.RunAsync("SELECT n, i, s, t, z, f FROM typed");
        var row = (await result.ReadRowsAsync().ToListAsync()).ShouldHaveSingleItem();

        result.Columns.Select(column => column.Type).ShouldBe(["fixed", "fixed", "text", "timestamp_ntz", "timestamp_tz", "real"]);
        row[0].ShouldBe("12345678901234567890");
        row[3].ShouldBe("1796032800.000000000");
        row[4].ShouldBe("1796025600.000000000 1440", "the instant in UTC; DuckDB does not keep the offset");
        row[5].ShouldBe("0.5");
    }

    [Fact]
    public async Task MultiStatementRequest_RunsInOrder_AndRollsBackATransactionLeftOpen()
    {
        await harness.RunAsync("CREATE TABLE kept (a VARCHAR)");

        await harness.Client.ExecuteAsync(new SnowflakeStatement("BEGIN; INSERT INTO kept VALUES ('lost')", "an unfinished transaction") { StatementCount = 2 }, TestTimeout.Token());
        var committed = await harness.Client.ExecuteAsync(new SnowflakeStatement("BEGIN; INSERT INTO kept VALUES ('kept'); COMMIT", "a transaction") { StatementCount = 3 }, TestTimeout.Token());

        committed.StatementHandles.Count.ShouldBe(3);
        (await harness.StandIn.QueryAsync("SELECT a FROM HERALD.PUBLIC.kept")).Select(row => row[0]).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Merge_OnAKey_UpdatesAndInserts()
    {
        await harness.RunAsync("CREATE TABLE target (k VARCHAR, v VARCHAR)");
        await harness.RunAsync("INSERT INTO target VALUES ('a', 'old'), ('b', 'old')");

        await harness.RunAsync("MERGE INTO target USING (SELECT 'b' AS k, 'new' AS v UNION ALL SELECT 'c', 'new') AS source ON target.k = source.k " +
                               "WHEN MATCHED THEN UPDATE SET v = source.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (source.k, source.v)");

        (await harness.StandIn.QueryAsync("SELECT k, v FROM HERALD.PUBLIC.target ORDER BY k")).Select(row => $"{row[0]}={row[1]}").ShouldBe(["a=old", "b=new", "c=new"]);
    }

    [Fact]
    public async Task Grants_ToAShare_NeedItsDatabaseFirst_AndAnObjectThatExists()
    {
        await harness.RunAsync("CREATE SHARE early");

        var beforeDatabase = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("GRANT USAGE ON SCHEMA HERALD.PUBLIC TO SHARE early"));
        await harness.RunAsync("GRANT USAGE ON DATABASE HERALD TO SHARE early");
        var missingTable = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("GRANT SELECT ON TABLE HERALD.PUBLIC.nothing TO SHARE early"));

        beforeDatabase.Message.ShouldContain("database must be granted");
        missingTable.Code.ShouldBe("002003");
        harness.StandIn.Shares.ShouldHaveSingleItem().Grants.Select(grant => grant.GrantedOn).ShouldBe(["DATABASE"]);
    }

    [Fact]
    public async Task LargeBatch_WithAValueThatIsNotANumber_IsRefused_AndInsertsNothing()
    {
        await harness.RunAsync("CREATE TABLE amounts (k VARCHAR, amount NUMBER(12,2))");
        var bindings = Enumerable.Range(0, 1_500).SelectMany(n => new string?[] { $"k{n}", n == 1_234 ? "12,5 EUR" : "12.5" }).ToArray();
        var sql = "INSERT INTO amounts (k, amount) VALUES " + string.Join(", ", Enumerable.Repeat("(?, ?)", 1_500));

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync(sql, bindings));

        failure.Code.ShouldBe("100038");
        (await harness.ScalarAsync("SELECT count(*) FROM HERALD.PUBLIC.amounts")).ShouldBe(0L);
    }
}
