using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// Migration 7: credentials keep a settings document and named secrets, destinations a settings document. Written to
/// find what is there: a data directory that lost its schema_version runs every migration again over tables already
/// neutral (and migration 2 adds its columns back to them), which must neither fail nor lose anything.
/// </summary>
internal static class NeutralCatalogMigration
{
    public static async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS credential_secrets (
                credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                ciphertext BLOB NOT NULL,
                PRIMARY KEY (credential_id, name)
            );
            """, cancellationToken);
        if (await HasColumnAsync(connection, transaction, "credentials", "partner_name", cancellationToken))
        {
            await ExecuteAsync(connection, transaction, """
                ALTER TABLE credentials ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
                UPDATE credentials SET settings = json_object('partnerName', partner_name);
                INSERT INTO credential_secrets (credential_id, name, ciphertext) SELECT id, 'api-token', token_ciphertext FROM credentials;
                ALTER TABLE credentials DROP COLUMN partner_name;
                ALTER TABLE credentials DROP COLUMN token_ciphertext;
                """, cancellationToken);
        }
        if (await HasColumnAsync(connection, transaction, "destinations", "segment_name", cancellationToken))
        {
            await ExecuteAsync(connection, transaction, """
                ALTER TABLE destinations ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
                UPDATE destinations SET settings = json_object(
                    'segmentName', segment_name, 'attributeName', attribute_name, 'updateMode', update_mode,
                    'allowSplit', json(CASE WHEN allow_split <> 0 THEN 'true' ELSE 'false' END));
                UPDATE destinations SET settings = json_set(settings, '$.shrinkGuardShare', shrink_guard_share) WHERE shrink_guard_share IS NOT NULL;
                ALTER TABLE destinations DROP COLUMN segment_name;
                ALTER TABLE destinations DROP COLUMN attribute_name;
                """, cancellationToken);
        }
        // Migration 2's columns: moved into the settings above, or added back to a neutral table by a rerun.
        foreach (var column in new[] { "update_mode", "allow_split", "shrink_guard_share" })
        {
            if (await HasColumnAsync(connection, transaction, "destinations", column, cancellationToken))
            {
                await ExecuteAsync(connection, transaction, $"ALTER TABLE destinations DROP COLUMN {column};", cancellationToken);
            }
        }
    }

    private static async Task<bool> HasColumnAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, string column, CancellationToken cancellationToken)
    {
        using var info = connection.CreateCommand();
        info.Transaction = transaction;
        info.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        return Convert.ToInt64(await info.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
