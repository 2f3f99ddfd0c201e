using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Herald's metadata in one SQLite file. WAL lets readers (the API) go on while a worker writes; the busy
/// timeout makes concurrent writers wait for each other instead of failing.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    // SQLite takes one writer at a time. Queuing writers here, in order, is far faster than letting them
    // collide and back off in SQLite's busy handler, which sleeps for up to 100 ms at a time.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs a write (one statement or one transaction) with this process's writers queued in order.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await write(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A connection for writing; disposing it lets the next writer in.</summary>
    public async Task<WriteLease> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return new WriteLease(await OpenAsync(cancellationToken), _writeGate);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public sealed class WriteLease(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
    {
        public SqliteConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            gate.Release();
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (table, column, definition) in AddedColumns)
        {
            await AddColumnIfMissingAsync(connection, table, column, definition, cancellationToken);
        }
    }

    // Columns added after a table was first created. A data directory made by an earlier Herald gets them
    // here, with defaults that keep its rows meaning what they meant; a new one has them from CREATE TABLE.
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("destinations", "update_mode", "TEXT NOT NULL DEFAULT 'replace'"),
        ("destinations", "allow_split", "INTEGER NOT NULL DEFAULT 0"),
        ("destinations", "shrink_guard_share", "REAL"),
    ];

    private static async Task AddColumnIfMissingAsync(SqliteConnection connection, string table, string column, string definition, CancellationToken cancellationToken)
    {
        using var info = connection.CreateCommand();
        info.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await info.ExecuteScalarAsync(cancellationToken)) > 0)
        {
            return;
        }
        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        try
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
        {
            // Another instance sharing the data directory added it between our look and our change.
        }
    }

    // Times that are compared in SQL are stored as Unix milliseconds; the rest of a run lives in a JSON
    // document so that the run model can grow without a migration per field.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS credentials (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            plugin TEXT NOT NULL,
            partner_name TEXT NOT NULL,
            description TEXT,
            token_ciphertext BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS destinations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            credential_id TEXT NOT NULL REFERENCES credentials(id),
            segment_name TEXT NOT NULL,
            attribute_name TEXT NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            update_mode TEXT NOT NULL DEFAULT 'replace',
            allow_split INTEGER NOT NULL DEFAULT 0,
            shrink_guard_share REAL
        );
        CREATE TABLE IF NOT EXISTS orchestrations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            destination_id TEXT NOT NULL REFERENCES destinations(id),
            query TEXT NOT NULL,
            allow_empty INTEGER NOT NULL,
            description TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            destination_id TEXT NOT NULL,
            orchestration_id TEXT,
            state TEXT NOT NULL,
            started_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            report_deadline INTEGER,
            version INTEGER NOT NULL,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            document TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS runs_by_state ON runs(state, seq);
        CREATE INDEX IF NOT EXISTS runs_by_destination ON runs(destination_id, seq);
        CREATE TABLE IF NOT EXISTS run_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS run_events_by_run ON run_events(run_id, seq);
        CREATE TABLE IF NOT EXISTS run_calls (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            operation TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            request TEXT NOT NULL,
            status INTEGER,
            response TEXT,
            duration_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS run_calls_by_run ON run_calls(run_id, seq);
        CREATE TABLE IF NOT EXISTS server_sessions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            started_at INTEGER NOT NULL,
            alive_at INTEGER NOT NULL,
            stopped_at INTEGER
        );
        CREATE TABLE IF NOT EXISTS ui_sessions (
            id TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        );
        """;
}
