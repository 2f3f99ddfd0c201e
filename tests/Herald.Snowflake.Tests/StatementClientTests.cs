using Herald.Snowflake.Publishing;
using Herald.Snowflake.Statements;
using Herald.Snowflake.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Snowflake.Tests;

/// <summary>Herald's SQL API client against the stand-in over real HTTP: results, polling, partitions, retries, errors.</summary>
public sealed class StatementClientTests
{
    [Fact]
    public async Task Query_ReturnsEveryValueAsAStringWithItsSnowflakeType()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.RunAsync("CREATE TABLE typed (id NUMBER(10,2), label VARCHAR, flag BOOLEAN, born DATE, seen TIMESTAMP_NTZ, gone VARCHAR)");
        await harness.RunAsync("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?)", "12.50", "O'Brien, \"Åsa\"", "TRUE", "1970-01-11", "1970-01-02 00:00:01.5", null);

        var result = await harness.RunAsync("SELECT id, label, flag, born, seen, gone FROM typed");
        var rows = await result.ReadRowsAsync().ToListAsync();

        result.Columns.Select(column => column.Type).ShouldBe(["fixed", "text", "boolean", "date", "timestamp_ntz", "text"]);
        result.Columns[0].Scale.ShouldBe(2);
        rows.ShouldHaveSingleItem().ShouldBe(["12.50", "O'Brien, \"Åsa\"", "true", "10", "86401.500000000", null]);
    }

    [Fact]
    public async Task Insert_ReportsTheRowsItInserted()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.RunAsync("CREATE TABLE counted (a VARCHAR)");

        var result = await harness.RunAsync("INSERT INTO counted VALUES (?), (?), (?)", "x", "y", "z");

        result.RowsInserted.ShouldBe(3);
    }

    [Fact]
    public async Task LargeResult_IsReadPartitionByPartition()
    {
        await using var harness = await SnowflakeHarness.StartAsync(standIn: options => options.PartitionRows = 100);

        var result = await harness.RunAsync("SELECT range AS n FROM range(250) ORDER BY n");
        var values = await result.ReadRowsAsync().Select(row => row[0]).ToListAsync();

        result.RowCount.ShouldBe(250);
        values.ShouldBe(Enumerable.Range(0, 250).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        harness.StandIn.Calls.Count(call => call.Method == "GET").ShouldBe(2);
    }

    [Fact]
    public async Task SlowStatement_IsAnswered202_AndPolledUntilItsResult()
    {
        await using var harness = await SnowflakeHarness.StartAsync(standIn: options => options.AsyncThreshold = TimeSpan.Zero);
        harness.StandIn.Faults.HoldStatements = true;

        var running = harness.RunAsync("SELECT 42 AS answer");
        await harness.StandIn.WaitUntilAsync(standIn => standIn.Calls.Any(call => call.Method == "GET" && call.Status == 202), TestTimeout.Token());
        harness.StandIn.Faults.HoldStatements = false;
        var result = await running;

        (await result.ReadRowsAsync().ToListAsync()).ShouldHaveSingleItem().ShouldBe(["42"]);
        harness.StandIn.Statements.ShouldHaveSingleItem().Status.ShouldBe(202);
    }

    [Fact]
    public async Task Cancelling_AStatementThatIsRunning_CancelsItInSnowflake()
    {
        await using var harness = await SnowflakeHarness.StartAsync(standIn: options => options.AsyncThreshold = TimeSpan.Zero);
        harness.StandIn.Faults.HoldStatements = true;
        using var cancellation = new CancellationTokenSource();

        var running = harness.Client.ExecuteAsync(new SnowflakeStatement("SELECT 1", "a statement the caller gives up on"), cancellation.Token);
        await harness.StandIn.WaitUntilAsync(standIn => standIn.Calls.Any(call => call.Method == "GET"), TestTimeout.Token());
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => running);
        harness.StandIn.Calls.ShouldContain(call => call.Method == "POST" && call.Path.EndsWith("/cancel") && call.Status == 200);
    }

    [Fact]
    public async Task StatementRunningPastItsTimeout_IsStoppedBySnowflake_AndFailsAsATimeout()
    {
        var standInTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await SnowflakeHarness.StartAsync(
            standIn: options => (options.AsyncThreshold, options.TimeProvider) = (TimeSpan.Zero, standInTime),
            client: options => options.StatementTimeoutSeconds = 30);
        harness.StandIn.Faults.HoldStatements = true;

        var running = harness.RunAsync("SELECT 1");
        await harness.StandIn.WaitUntilAsync(standIn => standIn.Calls.Any(call => call.Method == "GET"), TestTimeout.Token());
        standInTime.Advance(TimeSpan.FromSeconds(31));
        var failure = await Should.ThrowAsync<SnowflakeException>(() => running);

        failure.Kind.ShouldBe(SnowflakeFailureKind.Timeout);
        failure.HttpStatus.ShouldBe(408);
        failure.Message.ShouldContain("StatementTimeoutSeconds");
    }

    [Fact]
    public async Task RateLimitedStatement_IsResentWithTheSameRequestIdAndRetry_AndRunsOnce()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.RunAsync("CREATE TABLE once (a VARCHAR)");
        harness.StandIn.Faults.RetryAfterSeconds = 0;
        harness.StandIn.Faults.RateLimitNextStatements = 2;

        await harness.RunAsync("INSERT INTO once VALUES (?)", "only once");

        var inserts = harness.StandIn.Statements.Where(statement => statement.Text.StartsWith("INSERT")).ToList();
        inserts.Select(statement => statement.Status).ShouldBe([429, 429, 200]);
        inserts.Select(statement => statement.RequestId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        inserts.Select(statement => statement.Retry).ShouldBe([false, true, true]);
        (await harness.ScalarAsync("SELECT count(*) FROM HERALD.PUBLIC.once")).ShouldBe(1L);
    }

    [Fact]
    public async Task AnswerLostAfterTheStatementRan_IsRetriedWithRetryTrue_AndTheStatementDoesNotRunTwice()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        await harness.RunAsync("CREATE TABLE once (a VARCHAR)");
        harness.StandIn.Faults.LoseNextAnswers = 1;

        var result = await harness.RunAsync("INSERT INTO once VALUES (?)", "only once");

        result.RowsInserted.ShouldBe(1);
        var inserts = harness.StandIn.Statements.Where(statement => statement.Text.StartsWith("INSERT")).ToList();
        inserts.Select(statement => (statement.Status, statement.Retry, statement.Executed)).ShouldBe([(503, false, true), (200, true, false)]);
        (await harness.ScalarAsync("SELECT count(*) FROM HERALD.PUBLIC.once")).ShouldBe(1L);
    }

    [Fact]
    public async Task ServerErrors_BeyondTheRetries_FailWithATransientReason()
    {
        await using var harness = await SnowflakeHarness.StartAsync(client: options => options.MaxRetries = 2);
        harness.StandIn.Faults.FailNextStatements = 10;

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("SELECT 1"));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Transient);
        failure.HttpStatus.ShouldBe(503);
        failure.Message.ShouldContain("after 3 attempt(s)");
        harness.StandIn.Statements.Count.ShouldBe(3);
    }

    [Fact]
    public async Task RateLimit_LongerThanItsBudget_FailsAtOnceSayingSo()
    {
        await using var harness = await SnowflakeHarness.StartAsync(client: options => options.RateLimitBudget = TimeSpan.FromSeconds(5));
        harness.StandIn.Faults.RetryAfterSeconds = 600;
        harness.StandIn.Faults.RateLimitNextStatements = 1;

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("SELECT 1"));

        failure.HttpStatus.ShouldBe(429);
        failure.Message.ShouldContain("RateLimitBudget");
        harness.StandIn.Statements.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StatementSnowflakeRefuses_FailsWithItsCodeSqlStateAndWhatToCheck()
    {
        await using var harness = await SnowflakeHarness.StartAsync();

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("SELECT * FROM no_such_table"));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Statement);
        failure.HttpStatus.ShouldBe(422);
        failure.Code.ShouldBe("002003");
        failure.SqlState.ShouldNotBeNull();
        failure.StatementHandle.ShouldNotBeNull();
        failure.Message.ShouldContain("HERALD_ROLE");
    }

    [Fact]
    public async Task KeyThatSnowflakeDoesNotKnow_FailsAsACredentialProblem_NamingTheFingerprintAndNoSecret()
    {
        using var otherKeys = TestKeys.Create();
        await using var harness = await SnowflakeHarness.StartAsync(standIn: options => options.Users[0].PublicKeysPem = [otherKeys.PublicKeyPem]);

        var failure = await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync("SELECT 1"));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Credential);
        failure.HttpStatus.ShouldBe(401);
        failure.Message.ShouldContain(harness.Client.KeyFingerprint);
        failure.Message.ShouldNotContain("-----BEGIN");
        failure.Message.ShouldNotContain(harness.Keys.PrivateKeyPem.Split('\n')[1]);
        failure.Message.ShouldNotContain("eyJ", Case.Sensitive);
    }

    [Fact]
    public async Task UnreachableSnowflake_FailsAsTransient_AfterTheRetries()
    {
        await using var harness = await SnowflakeHarness.StartAsync();
        var address = harness.StandIn.BaseUrl;
        await harness.StandIn.DisposeAsync();
        using var http = new HttpClient();
        using var client = new SnowflakeClient(http, harness.Connection, new SnowflakeOptions
        {
            BaseUrl = address,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
        }, TimeProvider.System);

        var failure = await Should.ThrowAsync<SnowflakeException>(() => client.ExecuteAsync(new SnowflakeStatement("SELECT 1", "a probe"), TestTimeout.Token()));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Transient);
        failure.Message.ShouldContain("after 2 attempt(s)");
    }

    [Fact]
    public void Options_ThatCannotWork_AreRefusedNamingTheSetting()
    {
        var options = new SnowflakeOptions { PollInitialDelay = TimeSpan.Zero, TokenLifetime = TimeSpan.FromHours(2), BaseUrl = new Uri("ftp://example.com") };

        var failure = Should.Throw<ArgumentException>(options.ThrowIfInvalid);

        failure.Message.ShouldContain("Herald:Snowflake:PollInitialDelay");
        failure.Message.ShouldContain("Herald:Snowflake:TokenLifetime");
        failure.Message.ShouldContain("Herald:Snowflake:BaseUrl");
    }

    [Fact]
    public void Settings_FromConfiguration_ThatCannotWork_StopTheHostNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Herald:Snowflake:MaxRetries"] = "99",
            ["Herald:Snowflake:Publisher:BatchRows"] = "20000",
        }).Build();
        using var services = new ServiceCollection().AddSnowflakeOptions(configuration).BuildServiceProvider();

        var snowflake = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<SnowflakeOptions>>().Value);
        var publisher = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<TablePublisherOptions>>().Value);

        snowflake.Message.ShouldContain("MaxRetries");
        publisher.Message.ShouldContain("BatchRows");
    }
}
