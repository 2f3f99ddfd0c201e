using System.Text.RegularExpressions;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// Insider One maps the columns of shared tables by name, and Snowflake folds unquoted names to uppercase: names are
/// all lowercase or all uppercase, never mixed (customer-360.md, "Insider One tables").
/// </summary>
internal static partial class InsiderTableNames
{
    public static IEnumerable<string> Problems(string table, IReadOnlyList<InsiderTableColumn> columns)
    {
        var lower = columns.All(column => Lowercase().IsMatch(column.Name));
        var upper = columns.All(column => Uppercase().IsMatch(column.Name));
        if (!lower && !upper)
        {
            var mixed = columns.Where(column => !Lowercase().IsMatch(column.Name)).Select(column => $"'{column.Name}'");
            yield return $"Columns of {table}: name every column in lowercase letters, digits and '_' (or every one in uppercase); rename {string.Join(", ", mixed.Take(5))}.";
        }
        foreach (var duplicate in columns.GroupBy(column => column.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            yield return $"Columns of {table}: '{duplicate.Key}' appears {duplicate.Count()} times; give each column its own name.";
        }
    }

    /// <summary>A table name that is safe as a file name and a Snowflake name: letters, digits and '_' in one case.</summary>
    public static bool IsValidTableName(string name) => name.Length <= 200 && (Lowercase().IsMatch(name) || Uppercase().IsMatch(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Lowercase();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex Uppercase();
}
