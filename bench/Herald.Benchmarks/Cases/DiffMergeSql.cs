using DuckDB.NET.Data;

namespace Herald.Benchmarks.Cases;

/// <summary>The two audiences of the diff-and-merge case, and how the hand-written reference reads them.</summary>
public static class DiffMergeSql
{
    /// <summary>A one-column file read as a skilled engineer would: one VARCHAR column, no header.</summary>
    public static string Values(string path) => $"SELECT v FROM read_csv({ExportSql.Literal(path)}, header = false, columns = {{'v': 'VARCHAR'}})";

    /// <summary>
    /// Writes <paramref name="values"/> distinct emails before and as many after, a tenth of them changed (added
    /// and removed), each file in an order of its own, as two builds of a changing audience would.
    /// </summary>
    public static void WriteAudiences(string before, string after, long values)
    {
        var changed = values / 10;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (SELECT 'customer' || i || '@example.com' FROM range(0, {values}) t(i) ORDER BY hash(i)) TO {ExportSql.Literal(before)} (FORMAT csv, HEADER false);
            COPY (SELECT 'customer' || i || '@example.com' FROM range({changed}, {values + changed}) t(i) ORDER BY hash(i + 1)) TO {ExportSql.Literal(after)} (FORMAT csv, HEADER false);
            """;
        command.ExecuteNonQuery();
    }
}
