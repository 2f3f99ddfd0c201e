using DuckDB.NET.Data;
using Herald.Application.Access;
using Herald.Application.Bridges;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Bridges;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Snowflake.Bridges;
using Herald.Snowflake.Publishing;
using Herald.Snowflake.Tests.Support;
using Herald.SnowflakeStandIn;
using Herald.Sources.DuckDb;
using Herald.Sources.DuckDb.InsiderTables;
using Herald.Sources.DuckDb.Sample;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>
/// Everything a bridge sync touches, real: a generated customer 360 in DuckDB, Herald's SQLite store, the use cases and
/// the sync executor, and the Snowflake stand-in over HTTP on loopback. The <c>snowflake</c> credential's login comes
/// from <see cref="Logins"/>, which a test may point at another key.
/// </summary>
internal sealed class BridgeHarness : IAsyncDisposable
{
    public const int Customers = 200;
    public const string CredentialName = "snowflake-prod";

    private readonly string _directory;

    /// <summary>The stage's access key secret in tests with a stage: it must never show in a message.</summary>
    public const string StageSecret = "stage-secret-never-shown-0123456789";

    private BridgeHarness(string directory, SnowflakeStandIn.SnowflakeStandIn standIn, string customer360, SqliteDatabase database, TablePublisherOptions publisher)
    {
        _directory = directory;
        StandIn = standIn;
        Customer360 = customer360;
        Database = database;
        Store = new SqliteBridgeStore(database);
        Catalog = new SqliteCatalogStore(database, new SecretProtector(new DirectoryKeyRing(directory)));
        var sourceOptions = new DuckDbSourceOptions
        {
            DatabasePath = customer360,
            TempDirectory = Path.Combine(directory, "tmp"),
            Threads = 1,
        };
        Source = new DuckDbInsiderTables(sourceOptions);
        var audit = new AuditTrail(new SqliteAuditStore(database), TimeProvider.System);
        Credentials = new CredentialUseCases(Catalog, new CredentialPlugins([], [new SnowflakeCredentialPlugin()]), audit, TimeProvider.System, Store);
        Logins = new CatalogSnowflakeLogins(Catalog);
        var clientOptions = new SnowflakeOptions
        {
            BaseUrl = standIn.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            PollInitialDelay = TimeSpan.FromMilliseconds(1),
            PollMaxDelay = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        Snowflake = new SnowflakeBridgeTarget(Logins, Source, Options.Create(clientOptions), Options.Create(publisher), TimeProvider.System,
            stagingFiles: new Herald.Sources.DuckDb.Staging.DuckDbStagingFiles(sourceOptions));
        FolderRoot = Path.Combine(directory, "bridges");
        var targets = new BridgeTargets([Snowflake, new FolderBridgeTarget(sourceOptions, FolderRoot)]);
        UseCases = new BridgeUseCases(Store, Catalog, new SqliteScheduleStore(database), Source, targets, new BridgeSyncSignal(), audit, TimeProvider.System);
        Executor = new BridgeSyncExecutor(Store, Source, targets, TimeProvider.System, NullLogger<BridgeSyncExecutor>.Instance);
    }

    public static readonly Caller Person = new("ada", CallerChannel.Api, "127.0.0.1") { Grant = Grant.Of(["Operator"], false, false) };

    public SnowflakeStandIn.SnowflakeStandIn StandIn { get; }
    public string Customer360 { get; }
    public SqliteDatabase Database { get; }
    public SqliteBridgeStore Store { get; }
    public SqliteCatalogStore Catalog { get; }
    public DuckDbInsiderTables Source { get; }
    public CatalogSnowflakeLogins Logins { get; }
    public CredentialUseCases Credentials { get; }
    public SnowflakeBridgeTarget Snowflake { get; }
    public string FolderRoot { get; }
    public BridgeUseCases UseCases { get; }
    public BridgeSyncExecutor Executor { get; }

    /// <param name="stage">Give the credential a stage (on the stand-in's S3-compatible endpoint) and load every table through it.</param>
    public static async Task<BridgeHarness> StartAsync(Action<StandInOptions>? standIn = null, int batchRows = 4_000, bool stage = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "herald-bridge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var customer360 = Path.Combine(directory, "customer-360.duckdb");
        await SampleCustomer360.CreateAsync(customer360, Customers);
        var options = new StandInOptions
        {
            Users = [new StandInUser { Account = "MYORG-HERALD_TEST", User = "HERALD_PUBLISHER", PublicKeysPem = [TestKeys.Shared.PublicKeyPem] }],
        };
        options.Faults.RetryAfterSeconds = 0;
        options.Stages["HERALD_STAGE"] = "s3://herald-stage/loads/";
        standIn?.Invoke(options);
        var server = await SnowflakeStandIn.SnowflakeStandIn.StartAsync(options);
        var database = new SqliteDatabase(Path.Combine(directory, "herald.db"));
        await database.MigrateAsync(TestTimeout.Token());
        var harness = new BridgeHarness(directory, server, customer360, database, new TablePublisherOptions { BatchRows = batchRows, StageAboveRows = stage ? 0 : long.MaxValue });
        var secrets = SnowflakeCredentialSettings.Secrets(TestKeys.Shared.EncryptedPrivateKeyPem, TestKeys.Passphrase);
        var added = await harness.Credentials.CreateAsync(Person, new CredentialDraft(CredentialName, Plugins.Snowflake,
            stage
                ? SnowflakeCredentialSettings.Document(SnowflakeHarness.Account, SnowflakeHarness.User, "HERALD_ROLE", "HERALD_WH",
                    "HERALD_STAGE", server.BaseUrl.ToString(), "herald-stage", "loads/", "us-east-1")
                : SnowflakeCredentialSettings.Document(SnowflakeHarness.Account, SnowflakeHarness.User, "HERALD_ROLE", "HERALD_WH"),
            stage
                ? new SecretValues([.. secrets, new(SnowflakeCredentialSettings.StageKeyIdSecret, StandInDefaults.StageAccessKeyId),
                    new(SnowflakeCredentialSettings.StageSecretKeySecret, StageSecret)])
                : secrets, null), TestTimeout.Token());
        added.Refusal.ShouldBeNull(string.Join(" ", added.Refusal?.Problems.Select(p => p.Message) ?? []));
        return harness;
    }

    /// <summary>Rotates the credential's key, as a person would after a key change in Snowflake.</summary>
    public async Task UseKeyAsync(string privateKeyPem)
    {
        var changed = await Credentials.UpdateAsync(Person, CredentialName, new CredentialChanges(SettingsDocument.Empty,
            new SecretValues([new(SnowflakeCredentialSettings.PrivateKeySecret, privateKeyPem)]), null), TestTimeout.Token());
        changed.Refusal.ShouldBeNull();
    }

    /// <summary>A Snowflake bridge of both tables to HERALD.PUBLIC, shared with Insider One's account.</summary>
    public static BridgeDraft SnowflakeDraft(string name = "insider-snowflake") =>
        new(name, "snowflake", CredentialName, "HERALD", "PUBLIC", null,
            [new BridgeTable("insider_users", null), new BridgeTable("insider_events", null)], "HERALD_INSIDER_ONE", "INSIDERORG.EU_ACCOUNT", null);

    public async Task<Bridge> AddAsync(BridgeDraft draft)
    {
        var saved = await UseCases.CreateAsync(Person, draft, TestTimeout.Token());
        saved.Refusal.ShouldBeNull(string.Join(" ", saved.Refusal?.Problems.Select(p => p.Message) ?? []));
        return saved.Value!.Bridge;
    }

    /// <summary>Starts a sync the way a person does and works it as the sync worker does: claimed, executed, released.</summary>
    public async Task<BridgeSync> SyncAsync(Bridge bridge, bool allowShrink = false)
    {
        var started = await UseCases.StartSyncAsync(Person, bridge.Name, allowShrink, TestTimeout.Token());
        started.Refusal.ShouldBeNull();
        var claimed = await Store.TryClaimNextSyncAsync("test-worker", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), TestTimeout.Token());
        claimed.ShouldNotBeNull().Id.ShouldBe(started.Value!.Id);
        await Executor.ExecuteAsync(claimed.Id, TestTimeout.Token());
        await Store.ReleaseSyncLeaseAsync(claimed.Id, "test-worker", TestTimeout.Token());
        return (await Store.GetSyncAsync(claimed.Id, TestTimeout.Token())).ShouldNotBeNull();
    }

    /// <summary>A count from the stand-in's DuckDB, where the published tables live as HERALD.PUBLIC.*.</summary>
    public async Task<long> CountAsync(string sqlOnStandIn) => Convert.ToInt64((await StandIn.QueryAsync(sqlOnStandIn))[0][0]);

    /// <summary>A count from the customer 360.</summary>
    public long CountSource(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Customer360}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Changes the customer 360 as a nightly refresh would.</summary>
    public void ChangeSource(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Customer360}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        Snowflake.Dispose();
        await StandIn.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
