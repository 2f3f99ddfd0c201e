using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// Every change to Herald's SQLite schema and stored documents, in order. Data directories made before numbered
/// migrations have the tables of 1 and perhaps the columns of 2: both are written to find what is there already.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<SqliteMigration> All =
    [
        // Times that are compared in SQL are stored as Unix milliseconds; the rest of a run lives in a JSON
        // document so that the run model can grow without a migration per field.
        SqliteMigration.Sql(1, "catalog and runs", """
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
                updated_at INTEGER NOT NULL
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
            """),
        new(2, "destinations' update mode, splitting and shrink guard", async (connection, transaction, ct) =>
        {
            await AddColumnIfMissingAsync(connection, transaction, "destinations", "update_mode", "TEXT NOT NULL DEFAULT 'replace'", ct);
            await AddColumnIfMissingAsync(connection, transaction, "destinations", "allow_split", "INTEGER NOT NULL DEFAULT 0", ct);
            await AddColumnIfMissingAsync(connection, transaction, "destinations", "shrink_guard_share", "REAL", ct);
        }),
        new(3, "runs from before parts and updates", RunDocumentUpgrade.ApplyAsync),
        SqliteMigration.Sql(4, "segment layouts", """
            CREATE TABLE segment_layouts (
                destination_id TEXT NOT NULL,
                segment_name TEXT NOT NULL,
                segments TEXT NOT NULL,
                run_id TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (destination_id, segment_name)
            );
            """),
        new(5, "segment layouts of earlier uploads", SegmentLayoutBackfill.ApplyAsync),
        // IF NOT EXISTS: data directories made just before numbered migrations created these two with the rest.
        SqliteMigration.Sql(6, "server and web UI sessions", """
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
            """),
        // 7-10 belong to other changes (catalog, schedules, alerts, bridges); the migrator runs whichever are present, in order.
        // Policies are a JSON array of names: standard policies and actions are the application's, not the schema's.
        // API keys are stored as SHA-256 hashes only; the key itself is shown once, when made. IF NOT EXISTS, as 6: a
        // data directory whose schema_version was lost runs every migration again.
        SqliteMigration.Sql(11, "users and API keys", """
            CREATE TABLE IF NOT EXISTS users (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                policies TEXT NOT NULL,
                restrict_pii INTEGER NOT NULL,
                allow_sandbox_administration INTEGER NOT NULL,
                disabled INTEGER NOT NULL,
                password_hash TEXT,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS api_keys (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id),
                name TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER,
                revoked_at INTEGER,
                UNIQUE (user_id, name)
            );
            """),
        // Subjects' before and after are JSON documents written by the application, secrets already left out.
        SqliteMigration.Sql(12, "audit log", """
            CREATE TABLE IF NOT EXISTS audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                channel TEXT NOT NULL,
                remote_address TEXT,
                action TEXT NOT NULL,
                operation TEXT NOT NULL,
                subject TEXT,
                outcome TEXT NOT NULL,
                detail TEXT,
                before TEXT,
                after TEXT
            );
            CREATE INDEX IF NOT EXISTS audit_by_time ON audit(at);
            """),
    ];

    private static async Task AddColumnIfMissingAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, string column, string definition, CancellationToken cancellationToken)
    {
        using var info = connection.CreateCommand();
        info.Transaction = transaction;
        info.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await info.ExecuteScalarAsync(cancellationToken)) > 0)
        {
            return;
        }
        using var alter = connection.CreateCommand();
        alter.Transaction = transaction;
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }
}
