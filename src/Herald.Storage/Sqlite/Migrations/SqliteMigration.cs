using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// One change to the schema or the stored documents, applied once, in a transaction with the row that records it
/// in <c>schema_version</c>. Numbers are never reused and a released migration is never edited: a change is a new one.
/// </summary>
internal sealed record SqliteMigration(int Number, string Name, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task> ApplyAsync)
{
    public static SqliteMigration Sql(int number, string name, string sql) =>
        new(number, name, async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        });
}
