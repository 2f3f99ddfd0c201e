using System.Text.Json;
using Herald.Core.Pii;

namespace Herald.Sources.DuckDb;

/// <summary>
/// Reads a query's lineage from DuckDB's own parse tree (<c>json_serialize_sql</c>): the tables and columns it names,
/// and, for a plain query, which columns each result column's expression names.
/// </summary>
/// <remarks>
/// The walk is generic (every object of the tree is visited), so a construct this class does not know still has its
/// tables and columns counted; only the per-result-column tracing needs the query to be plain.
/// </remarks>
internal static class SqlLineage
{
    /// <summary>The lineage of one parsed SELECT (the <c>node</c> of <c>json_serialize_sql</c>'s statement).</summary>
    public static QueryLineage Of(JsonElement node)
    {
        var tables = new List<string>();
        var columns = new List<string>();
        var facts = new Facts();
        Walk(node, tables, columns, facts);
        return new QueryLineage(
            Distinct(tables), Distinct(columns), facts.Stars > 0, IsPlain(node, facts) ? ResultColumnSources(node) : null);
    }

    private static List<IReadOnlyList<string>> ResultColumnSources(JsonElement node) =>
        [.. node.GetProperty("select_list").EnumerateArray().Select(item =>
        {
            var columns = new List<string>();
            Walk(item, [], columns, new Facts());
            return (IReadOnlyList<string>)Distinct(columns);
        })];

    /// <summary>One SELECT over tables and joins, without anything that could rename a column on its way to the result.</summary>
    private static bool IsPlain(JsonElement node, Facts facts) =>
        Text(node, "type") == "SELECT_NODE"
        && node.TryGetProperty("cte_map", out var ctes) && ctes.TryGetProperty("map", out var map) && map.GetArrayLength() == 0
        && facts is { Stars: 0, Subqueries: 0, OtherTableReferences: 0, NestedSelects: 1 };

    private static void Walk(JsonElement element, List<string> tables, List<string> columns, Facts facts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, tables, columns, facts);
                }
                return;
            case JsonValueKind.Object:
                Note(element, tables, columns, facts);
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, tables, columns, facts);
                }
                return;
        }
    }

    private static void Note(JsonElement element, List<string> tables, List<string> columns, Facts facts)
    {
        var kind = Text(element, "class");
        var type = Text(element, "type");
        if (kind == "COLUMN_REF" && element.TryGetProperty("column_names", out var names) && names.GetArrayLength() > 0)
        {
            columns.Add(names[names.GetArrayLength() - 1].GetString() ?? "");
        }
        else if (kind == "STAR")
        {
            facts.Stars++;
        }
        else if (kind == "SUBQUERY" || type == "SUBQUERY")
        {
            facts.Subqueries++;
        }
        else if (kind is null && type == "BASE_TABLE")
        {
            tables.Add(Text(element, "table_name") ?? "");
        }
        else if (kind is null && type is "SELECT_NODE" or "SET_OPERATION_NODE" or "RECURSIVE_CTE_NODE" or "CTE_NODE")
        {
            facts.NestedSelects++;
        }
        else if (kind is null && type is "TABLE_FUNCTION" or "EXPRESSION_LIST" or "PIVOT" or "SHOW_REF" or "COLUMN_DATA" or "DELIM_GET")
        {
            facts.OtherTableReferences++;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Distinct(List<string> names) =>
        [.. names.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private sealed class Facts
    {
        public int Stars { get; set; }
        public int Subqueries { get; set; }
        public int OtherTableReferences { get; set; }
        public int NestedSelects { get; set; }
    }
}
