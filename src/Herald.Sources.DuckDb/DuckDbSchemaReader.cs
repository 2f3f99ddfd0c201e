using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

/// <summary>
/// Reads the customer 360's tables, views and columns from DuckDB's <c>information_schema</c>, inside the same
/// sandbox as a query (<see cref="DuckDbSession"/>), so the description shows exactly what a query can read.
/// </summary>
internal static class DuckDbSchemaReader
{
    /// <summary>Characters kept of a type's name: a nested STRUCT can spell out hundreds of fields.</summary>
    private const int MaxTypeChars = 200;

    /// <summary>Characters kept of a table's or column's name, which the user's own DDL chose.</summary>
    private const int MaxNameChars = 256;

    /// <summary>At most <paramref name="maxColumns"/> columns, table by table; past it the description stops and says why.</summary>
    public static SourceSchema Read(DuckDbSession session, int maxColumns)
    {
        // One row more than the limit tells a description that stops from one that ends exactly there.
        var rows = session.Query(
            $"""
            SELECT c.table_schema, c.table_name, t.table_type = 'VIEW', c.column_name, c.data_type
            FROM information_schema.columns AS c
            JOIN information_schema.tables AS t USING (table_catalog, table_schema, table_name)
            WHERE c.table_catalog = current_database()
            ORDER BY c.table_schema = 'main' DESC, c.table_schema, c.table_name, c.ordinal_position
            LIMIT {maxColumns + 1}
            """, reader =>
            {
                var read = new List<(string Table, bool IsView, SourceColumn Column)>();
                while (reader.Read())
                {
                    var schema = reader.GetString(0);
                    var table = Cut(reader.GetString(1), MaxNameChars);
                    read.Add((schema == "main" ? table : $"{Cut(schema, MaxNameChars)}.{table}", reader.GetBoolean(2),
                        new SourceColumn(Cut(reader.GetString(3), MaxNameChars), Cut(reader.GetString(4), MaxTypeChars))));
                }
                return read;
            });
        var shortened = rows.Count > maxColumns
            ? $"The description stops after {maxColumns:N0} columns (Herald:Source:SchemaMaxColumns); queries can read the rest too."
            : null;
        var tables = rows.Take(maxColumns)
            .GroupBy(r => (r.Table, r.IsView))
            .Select(g => new SourceTable(g.Key.Table, g.Key.IsView, [.. g.Select(r => r.Column)]))
            .ToList();
        return new SourceSchema(tables, shortened);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
