namespace Herald.Snowflake.Publishing;

/// <summary>
/// Names and SQL of the load table beside a published table: the new version (or, for an incremental load, the
/// changed rows and the keys to remove) is loaded there first, then moved into the real table in one transaction,
/// so a failure half-way leaves the real table as it was. Identifiers are validated before they get here and are
/// always quoted.
/// </summary>
internal sealed class LoadTable(TableDefinition table, SnowflakeConnection connection)
{
    public static string Suffix(string tableName) => tableName == tableName.ToUpperInvariant() ? "__HERALD_LOAD" : "__herald_load";

    public static string DeletedColumn(string tableName) => tableName == tableName.ToUpperInvariant() ? "HERALD_DELETED" : "herald_deleted";

    public string Target => Qualified(table.Name);

    public string Load => Qualified(table.Name + Suffix(table.Name));

    public string ColumnList => string.Join(", ", table.Columns.Select(column => Quote(column.Name)));

    private string Deleted => Quote(DeletedColumn(table.Name));

    private string Key => Quote(table.KeyColumn);

    public string CreateTarget() => $"CREATE TABLE IF NOT EXISTS {Target} ({ColumnDefinitions()})";

    // A scratch table: replacing it is safe (nothing is granted on it) and TRANSIENT keeps Snowflake from storing it in fail-safe.
    public string CreateLoad() => $"CREATE OR REPLACE TRANSIENT TABLE {Load} ({ColumnDefinitions()}, {Deleted} BOOLEAN DEFAULT FALSE)";

    public string DropLoad() => $"DROP TABLE IF EXISTS {Load}";

    public string Insert(int rows) =>
        $"INSERT INTO {Load} ({ColumnList}) VALUES " + string.Join(", ", Enumerable.Repeat("(" + string.Join(", ", table.Columns.Select(_ => "?")) + ")", rows));

    public string InsertDeletedKeys(int rows) =>
        $"INSERT INTO {Load} ({Key}, {Deleted}) VALUES " + string.Join(", ", Enumerable.Repeat("(?, TRUE)", rows));

    /// <summary>The whole new version replaces the old one. DELETE rather than TRUNCATE: it is plainly transactional in
    /// Snowflake, so the old version stays until COMMIT. The table itself, and its grants to shares, stay.</summary>
    public string SwapFull() =>
        $"BEGIN TRANSACTION; DELETE FROM {Target}; INSERT INTO {Target} ({ColumnList}) SELECT {ColumnList} FROM {Load} WHERE NOT {Deleted}; COMMIT";

    /// <summary>Changed and removed keys go out; changed and new rows come in.</summary>
    public string SwapIncremental() =>
        $"BEGIN TRANSACTION; DELETE FROM {Target} WHERE {Key} IN (SELECT {Key} FROM {Load}); " +
        $"INSERT INTO {Target} ({ColumnList}) SELECT {ColumnList} FROM {Load} WHERE NOT {Deleted}; COMMIT";

    public const int SwapStatements = 4;

    public string ReadVersions() =>
        $"SELECT {Key}, {Quote(table.UpdatedAtColumn!)} FROM {Target} WHERE {Key} IS NOT NULL ORDER BY {Key}";

    public string CountRows() => $"SELECT COUNT(*) FROM {Target}";

    public string Qualified(string name) => $"{connection.Database}.{connection.Schema}.{Quote(name)}";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private string ColumnDefinitions() => string.Join(", ", table.Columns.Select(column => $"{Quote(column.Name)} {column.Type.ToUpperInvariant()}"));
}
