// Over 250 lines on purpose: the ordered list of every schema change; a released migration is never edited or moved,
// so the list only grows, and reading it top to bottom is reading the schema's history.
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
        // Credentials and destinations become destination-neutral: a plugin's settings document and named secrets.
        // Insider One's token keeps its ciphertext (its binding is the name 'api-token'); nothing is decrypted here.
        new(7, "neutral catalog: plugin settings and named secrets", NeutralCatalogMigration.ApplyAsync),
        // A slot row is the claim: its primary key makes a second claim of the same slot (after a restart, or by a
        // second instance) fail, and its run id is chosen with it, so a run is created for a slot at most once.
        // IF NOT EXISTS: a data directory whose schema_version was lost runs every migration again over its tables.
        SqliteMigration.Sql(8, "schedules and their slots", """
            CREATE TABLE IF NOT EXISTS schedules (
                work_kind TEXT NOT NULL,
                work_name TEXT NOT NULL,
                trigger_kind TEXT NOT NULL,
                cron TEXT,
                time_zone TEXT,
                after_kind TEXT,
                after_name TEXT,
                state TEXT NOT NULL,
                paused_reason TEXT,
                active_since INTEGER NOT NULL,
                last_slot_at INTEGER,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (work_kind, work_name)
            );
            CREATE INDEX IF NOT EXISTS schedules_by_predecessor ON schedules(after_kind, after_name);
            CREATE TABLE IF NOT EXISTS schedule_slots (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                work_kind TEXT NOT NULL,
                work_name TEXT NOT NULL,
                slot_key TEXT NOT NULL,
                slot_at INTEGER NOT NULL,
                claimed_at INTEGER NOT NULL,
                run_id TEXT NOT NULL UNIQUE,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL,
                UNIQUE (work_kind, work_name, slot_key)
            );
            CREATE INDEX IF NOT EXISTS schedule_slots_by_work ON schedule_slots(work_kind, work_name, seq);
            CREATE INDEX IF NOT EXISTS schedule_slots_by_outcome ON schedule_slots(outcome, claimed_at);
            """),
        // A rule's shape lives in a JSON document; what is compared in SQL (due times, states) has columns. IF NOT EXISTS, like
        // 6: a data directory rewound to before numbered migrations runs every migration again over tables it may hold.
        SqliteMigration.Sql(9, "alert rules, states and deliveries", """
            CREATE TABLE IF NOT EXISTS alert_rules (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                document TEXT NOT NULL,
                secret_ciphertext BLOB,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS alert_states (
                rule_id TEXT NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
                subject_key TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (rule_id, subject_key)
            );
            CREATE TABLE IF NOT EXISTS alert_deliveries (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                rule_id TEXT NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                next_attempt_at INTEGER,
                message TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries(state, next_attempt_at);
            CREATE INDEX IF NOT EXISTS alert_deliveries_by_rule ON alert_deliveries(rule_id, seq);
            CREATE TABLE IF NOT EXISTS alert_attempts (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                delivery_id TEXT NOT NULL REFERENCES alert_deliveries(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                at INTEGER NOT NULL,
                delivered INTEGER NOT NULL,
                status INTEGER,
                error TEXT,
                duration_ms INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS alert_attempts_by_delivery ON alert_attempts(delivery_id, seq);
            """),
        // A bridge's settings and its syncs are JSON documents, as runs are; what SQL compares has its own column.
        // IF NOT EXISTS: a data directory whose schema_version was lost runs every migration again.
        SqliteMigration.Sql(10, "bridges and their syncs", """
            CREATE TABLE IF NOT EXISTS bridges (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                target TEXT NOT NULL,
                credential_id TEXT,
                document TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS bridge_syncs (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                bridge_id TEXT NOT NULL,
                state TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                version INTEGER NOT NULL,
                document TEXT NOT NULL,
                lease_owner TEXT,
                lease_expires_at INTEGER
            );
            CREATE INDEX IF NOT EXISTS bridge_syncs_by_bridge ON bridge_syncs (bridge_id, seq);
            CREATE INDEX IF NOT EXISTS bridge_syncs_by_state ON bridge_syncs (state, seq);
            """),
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
        // Destinations' Admin only and PII setting (access.md); existing destinations stay open to everyone allowed to see PII.
        new(13, "destinations' admin only and PII setting", async (connection, transaction, ct) =>
        {
            await AddColumnIfMissingAsync(connection, transaction, "destinations", "admin_only", "INTEGER NOT NULL DEFAULT 0", ct);
            await AddColumnIfMissingAsync(connection, transaction, "destinations", "pii_allowed", "INTEGER NOT NULL DEFAULT 0", ct);
        }),
        // 14 belongs to another branch (Snowflake remainder); the migrator runs what is missing in order, so a data
        // directory may hold 15 before 14. A sandbox's configuration and its base are the text of a
        // configuration file: the same reader checks them as any file, and no secret can be in them.
        SqliteMigration.Sql(15, "sandboxes", """
            CREATE TABLE IF NOT EXISTS sandboxes (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                owner TEXT NOT NULL,
                document TEXT NOT NULL,
                base TEXT NOT NULL,
                segment_prefix TEXT NOT NULL,
                allow_full_sends INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """),
        // 16: the credentials of a sandbox whose runs may use production's secrets of the same name, copied explicitly by
        // an administrator (a JSON array of names): the secrets stay encrypted once, in production's credential.
        new(16, "sandboxes' copied secrets", async (connection, transaction, ct) =>
            await AddColumnIfMissingAsync(connection, transaction, "sandboxes", "copied_secrets", "TEXT NOT NULL DEFAULT '[]'", ct)),
        // 17: saved segments (named SQL returning amperity_id), and an orchestration's choice of one: the segment's name and
        // the identity table's column it sends. An orchestration refers to its segment by name, as a configuration file does.
        new(17, "saved segments", async (connection, transaction, ct) =>
        {
            using (var create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = """
                    CREATE TABLE IF NOT EXISTS saved_segments (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        sql TEXT NOT NULL,
                        description TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    """;
                await create.ExecuteNonQueryAsync(ct);
            }
            await AddColumnIfMissingAsync(connection, transaction, "orchestrations", "segment_name", "TEXT", ct);
            await AddColumnIfMissingAsync(connection, transaction, "orchestrations", "identifier_column", "TEXT", ct);
        }),
        // 18: a sandbox's own secrets, encrypted as production's are and bound to the sandbox and the credential's name
        // (removed with the sandbox); and the catalog's revision, bumped by the database itself on every write of a credential,
        // destination, orchestration, saved segment or an orchestration's schedule (its trigger or state, not the slots it
        // claims), so an apply or a promotion that read production earlier can see, inside its transaction, that someone else
        // wrote meanwhile (whichever code path, or process, made the write).
        SqliteMigration.Sql(18, "sandbox secrets and the catalog's revision", """
            CREATE TABLE IF NOT EXISTS sandbox_secrets (
                sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
                credential_name TEXT NOT NULL COLLATE NOCASE,
                name TEXT NOT NULL,
                ciphertext BLOB NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (sandbox_id, credential_name, name)
            );
            CREATE TABLE IF NOT EXISTS catalog_revision (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                revision INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO catalog_revision (id, revision) VALUES (1, 0);
            CREATE TRIGGER IF NOT EXISTS credentials_revision_insert AFTER INSERT ON credentials BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS credentials_revision_update AFTER UPDATE ON credentials BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS credentials_revision_delete AFTER DELETE ON credentials BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS destinations_revision_insert AFTER INSERT ON destinations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS destinations_revision_update AFTER UPDATE ON destinations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS destinations_revision_delete AFTER DELETE ON destinations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS orchestrations_revision_insert AFTER INSERT ON orchestrations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS orchestrations_revision_update AFTER UPDATE ON orchestrations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS orchestrations_revision_delete AFTER DELETE ON orchestrations BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS saved_segments_revision_insert AFTER INSERT ON saved_segments BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS saved_segments_revision_update AFTER UPDATE ON saved_segments BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS saved_segments_revision_delete AFTER DELETE ON saved_segments BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS schedules_revision_insert AFTER INSERT ON schedules WHEN NEW.work_kind = 'orchestration'
                BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS schedules_revision_update AFTER UPDATE OF trigger_kind, cron, time_zone, after_kind, after_name, state ON schedules
                WHEN NEW.work_kind = 'orchestration' BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            CREATE TRIGGER IF NOT EXISTS schedules_revision_delete AFTER DELETE ON schedules WHEN OLD.work_kind = 'orchestration'
                BEGIN UPDATE catalog_revision SET revision = revision + 1; END;
            """),
        // Hand-over links keep only their tokens' SHA-256: the link is shown once, to its requester.
        SqliteMigration.Sql(19, "credential hand-over links", """
            CREATE TABLE IF NOT EXISTS handover_links (
                id TEXT PRIMARY KEY,
                credential_name TEXT NOT NULL,
                plugin TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                requested_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            );
            """),
        // 20: a web session names its user, so that changing a password can end that user's other sessions (sessions
        // from before have none: the first request of each adopts the user its cookie names). A credential keeps who
        // asked for it by hand-over link, since used and expired links are cleaned up (Herald:Access:HandoverRetentionHours);
        // the hand-overs made before are copied from their links.
        new(20, "sessions' users and credentials' hand-overs", async (connection, transaction, ct) =>
        {
            await AddColumnIfMissingAsync(connection, transaction, "ui_sessions", "user_id", "TEXT", ct);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                CREATE INDEX IF NOT EXISTS ui_sessions_by_user ON ui_sessions(user_id);
                CREATE TABLE IF NOT EXISTS credential_handovers (
                    credential_id TEXT PRIMARY KEY,
                    link_id TEXT NOT NULL,
                    requested_by TEXT NOT NULL,
                    requested_at INTEGER NOT NULL,
                    handed_over_at INTEGER NOT NULL
                );
                INSERT OR IGNORE INTO credential_handovers (credential_id, link_id, requested_by, requested_at, handed_over_at)
                SELECT c.id, l.id, l.requested_by, l.created_at, l.used_at FROM handover_links l JOIN credentials c ON c.name = l.credential_name
                WHERE l.used_at IS NOT NULL AND c.created_at <= l.used_at;
                CREATE INDEX IF NOT EXISTS handover_links_by_expiry ON handover_links(expires_at);
                """;
            await command.ExecuteNonQueryAsync(ct);
        }),
        // Optimistic concurrency of sandboxes: every save names the version it read, so a save from an older read is refused.
        new(21, "sandboxes' version", async (connection, transaction, ct) =>
            await AddColumnIfMissingAsync(connection, transaction, "sandboxes", "version", "INTEGER NOT NULL DEFAULT 0", ct)),
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
