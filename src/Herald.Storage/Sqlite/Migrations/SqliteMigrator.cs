using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// Brings a database to the newest schema: each migration of <see cref="SqliteMigrations.All"/> not yet recorded in
/// <c>schema_version</c> runs in its own write transaction. The transaction takes SQLite's write lock before it reads
/// the version, so two instances starting together apply each migration once.
/// </summary>
internal static class SqliteMigrator
{
    public static async Task<int> MigrateAsync(SqliteConnection connection, IReadOnlyList<SqliteMigration> migrations, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);", cancellationToken);
        var applied = 0;
        foreach (var migration in migrations.OrderBy(m => m.Number))
        {
            // Not deferred: BEGIN IMMEDIATE takes the write lock before the version is read.
            await using var transaction = connection.BeginTransaction(deferred: false);
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT count(*) FROM schema_version WHERE number = $number";
            check.Parameters.AddWithValue("$number", migration.Number);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken)) > 0)
            {
                continue;
            }
            await migration.ApplyAsync(connection, transaction, cancellationToken);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (number, name, applied_at) VALUES ($number, $name, $at)";
            record.Parameters.AddWithValue("$number", migration.Number);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$at", TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            applied++;
        }
        return applied;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
