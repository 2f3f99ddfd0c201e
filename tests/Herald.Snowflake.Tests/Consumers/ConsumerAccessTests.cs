using Herald.Snowflake.Statements;
using Herald.Snowflake.Tests.Support;
using Herald.SnowflakeStandIn;

namespace Herald.Snowflake.Tests.Consumers;

/// <summary>
/// The stand-in as Insider One's account sees it: a consumer added to a share imports it as a database and reads exactly
/// the tables granted to it, live; everything else (the provider's database, tables not granted, writes, table
/// functions, shares not added to it, another account's statements) is refused.
/// </summary>
public sealed class ConsumerAccessTests : IAsyncLifetime
{
    public const string ConsumerAccount = "INSIDERORG-EU_ACCOUNT";
    public const string ConsumerUser = "INSIDER_ONE";

    private SnowflakeHarness owner = null!;
    private SnowflakeClient consumer = null!;
    private HttpClient consumerHttp = null!;

    public async Task InitializeAsync()
    {
        owner = await SnowflakeHarness.StartAsync(standIn: options => options.Consumers =
            [new StandInUser { Account = ConsumerAccount, User = ConsumerUser, PublicKeysPem = [ConsumerKeys.PublicKeyPem] }]);
        consumerHttp = new HttpClient(SnowflakeClient.CreateHttpHandler());
        consumer = new SnowflakeClient(consumerHttp, new SnowflakeConnection
        {
            AccountIdentifier = "insiderorg-eu_account",
            User = "insider_one",
            Role = "INSIDER_ROLE",
            Warehouse = "INSIDER_WH",
            Database = "SHARED_IMPORT",
            Schema = "PUBLIC",
            PrivateKeyPem = ConsumerKeys.PrivateKeyPem,
        }, new SnowflakeOptions { BaseUrl = owner.StandIn.BaseUrl, MaxRetries = 0 }, TimeProvider.System);
        foreach (var statement in new[]
                 {
                     "CREATE TABLE \"insider_users\" (\"uuid\" VARCHAR, \"email\" VARCHAR)",
                     "INSERT INTO \"insider_users\" VALUES ('u1', 'ada@example.com'), ('u2', NULL)",
                     "CREATE TABLE \"private_notes\" (\"uuid\" VARCHAR, \"note\" VARCHAR)",
                     "INSERT INTO \"private_notes\" VALUES ('u1', 'not for Insider One')",
                     "CREATE SHARE HERALD_INSIDER_ONE",
                     "GRANT USAGE ON DATABASE HERALD TO SHARE HERALD_INSIDER_ONE",
                     "GRANT USAGE ON SCHEMA HERALD.PUBLIC TO SHARE HERALD_INSIDER_ONE",
                     "GRANT SELECT ON TABLE HERALD.PUBLIC.\"insider_users\" TO SHARE HERALD_INSIDER_ONE",
                     "ALTER SHARE HERALD_INSIDER_ONE ADD ACCOUNTS = INSIDERORG.EU_ACCOUNT",
                 })
        {
            await owner.RunAsync(statement);
        }
    }

    public async Task DisposeAsync()
    {
        consumer.Dispose();
        consumerHttp.Dispose();
        await owner.DisposeAsync();
    }

    private static TestKeys ConsumerKeys => ConsumerKeyPair.Value;

    private static readonly Lazy<TestKeys> ConsumerKeyPair = new(TestKeys.Create);

    [Fact]
    public async Task Consumer_AddedToTheShare_ImportsItAndReadsTheGrantedTable()
    {
        await ImportAsync();

        var rows = await ReadAsync("SELECT \"uuid\", \"email\" FROM SHARED_IMPORT.PUBLIC.\"insider_users\" ORDER BY \"uuid\"");

        rows.ShouldBe([["u1", "ada@example.com"], ["u2", null]]);
        var shares = await ReadAsync("SHOW SHARES");
        shares.ShouldHaveSingleItem()[0].ShouldBe("INBOUND");
    }

    [Fact]
    public async Task Consumer_ReadsTheShareLive_WithTheProvidersLatestRows()
    {
        await ImportAsync();
        await owner.RunAsync("INSERT INTO \"insider_users\" VALUES ('u3', 'new@example.com')");

        var rows = await ReadAsync("SELECT count(*) FROM \"insider_users\"");

        rows[0][0].ShouldBe("3");
    }

    [Theory]
    [InlineData("SELECT * FROM SHARED_IMPORT.PUBLIC.\"private_notes\"")]
    [InlineData("SELECT * FROM HERALD.PUBLIC.\"private_notes\"")]
    [InlineData("SELECT * FROM HERALD.PUBLIC.\"insider_users\"")]
    [InlineData("SELECT * FROM \"private_notes\"")]
    [InlineData("SELECT * FROM query_table('HERALD.PUBLIC.private_notes')")]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM duckdb_tables")]
    [InlineData("SELECT (SELECT max(\"note\") FROM HERALD.PUBLIC.\"private_notes\") FROM \"insider_users\"")]
    [InlineData("WITH x AS (SELECT * FROM HERALD.PUBLIC.\"private_notes\") SELECT * FROM x")]
    public async Task Consumer_ReadingAnythingNotGrantedToTheShare_IsRefused(string query)
    {
        await ImportAsync();

        var refused = await Should.ThrowAsync<SnowflakeException>(() => ReadAsync(query));

        refused.Message.ShouldNotContain("not for Insider One");
        owner.StandIn.Statements.Last().Status.ShouldBe(422);
    }

    [Theory]
    [InlineData("INSERT INTO SHARED_IMPORT.PUBLIC.\"insider_users\" VALUES ('x', NULL)")]
    [InlineData("DELETE FROM HERALD.PUBLIC.\"insider_users\"")]
    [InlineData("CREATE TABLE HERALD.PUBLIC.stolen AS SELECT * FROM HERALD.PUBLIC.\"private_notes\"")]
    [InlineData("GRANT SELECT ON TABLE HERALD.PUBLIC.\"private_notes\" TO SHARE HERALD_INSIDER_ONE")]
    [InlineData("ALTER SHARE HERALD_INSIDER_ONE ADD ACCOUNTS = OTHERORG.OTHER")]
    [InlineData("USE DATABASE HERALD")]
    public async Task Consumer_WritingOrChangingGrants_IsRefused(string statement)
    {
        await ImportAsync();

        await Should.ThrowAsync<SnowflakeException>(() => ReadAsync(statement));

        (await owner.ScalarAsync("SELECT count(*) FROM HERALD.PUBLIC.\"insider_users\"")).ShouldBe(2L);
        owner.StandIn.Shares.Single().Grants.Count.ShouldBe(3);
        owner.StandIn.Shares.Single().Accounts.ShouldBe(["INSIDERORG.EU_ACCOUNT"]);
    }

    [Fact]
    public async Task Consumer_NotAddedToTheShare_CannotImportIt()
    {
        await owner.RunAsync("ALTER SHARE HERALD_INSIDER_ONE REMOVE ACCOUNTS = INSIDERORG.EU_ACCOUNT");

        var refused = await Should.ThrowAsync<SnowflakeException>(ImportAsync);

        refused.Code.ShouldBe("002003");
    }

    [Fact]
    public async Task Consumer_RemovedFromTheShareAfterImporting_ReadsNothingMore()
    {
        await ImportAsync();
        await owner.RunAsync("ALTER SHARE HERALD_INSIDER_ONE REMOVE ACCOUNTS = INSIDERORG.EU_ACCOUNT");

        await Should.ThrowAsync<SnowflakeException>(() => ReadAsync("SELECT * FROM SHARED_IMPORT.PUBLIC.\"insider_users\""));
    }

    [Fact]
    public async Task Consumer_PollingTheProvidersStatementHandle_FindsNothing()
    {
        var providers = await owner.RunAsync("SELECT * FROM \"private_notes\"");

        var (status, body) = await PollAsync(providers.StatementHandle);

        status.ShouldBe(404);
        body.ShouldNotContain("not for Insider One");
    }

    [Fact]
    public async Task Provider_ImportingItsOwnShare_IsRefused()
    {
        await Should.ThrowAsync<SnowflakeException>(() => owner.RunAsync("CREATE DATABASE MINE FROM SHARE MYORG.HERALD_TEST.HERALD_INSIDER_ONE"));
    }

    private Task ImportAsync() => ReadAsync("CREATE DATABASE SHARED_IMPORT FROM SHARE MYORG.HERALD_TEST.HERALD_INSIDER_ONE");

    private async Task<List<string?[]>> ReadAsync(string sql)
    {
        var result = await consumer.ExecuteAsync(new SnowflakeStatement(sql, "a consumer's statement"), TestTimeout.Token());
        var rows = new List<string?[]>();
        await foreach (var row in result.ReadRowsAsync(TestTimeout.Token()))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<(int Status, string Body)> PollAsync(string handle)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(owner.StandIn.BaseUrl, $"api/v2/statements/{handle}"));
        using var token = new Herald.Snowflake.Auth.KeyPairToken(new SnowflakeConnection
        {
            AccountIdentifier = "insiderorg-eu_account", User = "insider_one", Role = "R", Warehouse = "W", Database = "D", Schema = "S",
            PrivateKeyPem = ConsumerKeys.PrivateKeyPem,
        }, TimeSpan.FromMinutes(59), TimeProvider.System);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Current());
        request.Headers.Add("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
        using var response = await consumerHttp.SendAsync(request, TestTimeout.Token());
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
