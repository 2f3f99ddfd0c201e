using Herald.Snowflake.Publishing;
using Herald.Snowflake.Statements;
using Herald.SnowflakeStandIn;

namespace Herald.Snowflake.Tests.Support;

/// <summary>A stand-in on loopback with one user, and Herald's client and publisher pointed at it over real HTTP.</summary>
internal sealed class SnowflakeHarness : IAsyncDisposable
{
    public const string Account = "myorg-herald_test";
    public const string User = "herald_publisher";

    private SnowflakeHarness(TestKeys keys, SnowflakeStandIn.SnowflakeStandIn standIn, HttpClient http, SnowflakeConnection connection, SnowflakeClient client, TablePublisher publisher)
    {
        Keys = keys;
        StandIn = standIn;
        Http = http;
        Connection = connection;
        Client = client;
        Publisher = publisher;
    }

    public TestKeys Keys { get; }

    public SnowflakeStandIn.SnowflakeStandIn StandIn { get; }

    public HttpClient Http { get; }

    public SnowflakeConnection Connection { get; }

    public SnowflakeClient Client { get; }

    public TablePublisher Publisher { get; }

    public static async Task<SnowflakeHarness> StartAsync(
        Action<StandInOptions>? standIn = null, Action<SnowflakeOptions>? client = null, Action<TablePublisherOptions>? publisher = null)
    {
        var keys = TestKeys.Shared;
        var standInOptions = new StandInOptions
        {
            Users = [new StandInUser { Account = "MYORG-HERALD_TEST", User = "HERALD_PUBLISHER", PublicKeysPem = [keys.PublicKeyPem] }],
        };
        standIn?.Invoke(standInOptions);
        var server = await SnowflakeStandIn.SnowflakeStandIn.StartAsync(standInOptions);
        var clientOptions = new SnowflakeOptions
        {
            BaseUrl = server.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            PollInitialDelay = TimeSpan.FromMilliseconds(1),
            PollMaxDelay = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        client?.Invoke(clientOptions);
        var publisherOptions = new TablePublisherOptions();
        publisher?.Invoke(publisherOptions);
        var connection = new SnowflakeConnection
        {
            AccountIdentifier = Account,
            User = User,
            Role = "HERALD_ROLE",
            Warehouse = "HERALD_WH",
            Database = "HERALD",
            Schema = "PUBLIC",
            PrivateKeyPem = keys.PrivateKeyPem,
        };
        var http = new HttpClient(SnowflakeClient.CreateHttpHandler());
        var snowflake = new SnowflakeClient(http, connection, clientOptions, TimeProvider.System);
        return new SnowflakeHarness(keys, server, http, connection, snowflake, new TablePublisher(snowflake, connection, publisherOptions));
    }

    public Task<SnowflakeResult> RunAsync(string sql, params string?[] bindings) =>
        Client.ExecuteAsync(new SnowflakeStatement(sql, "a test statement") { Bindings = bindings }, TestTimeout.Token());

    /// <summary>A value read straight from the stand-in's DuckDB.</summary>
    public async Task<object?> ScalarAsync(string duckDbSql) => (await StandIn.QueryAsync(duckDbSql))[0][0];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await StandIn.DisposeAsync();
    }
}
