namespace Herald.Core.Audiences;

/// <summary>The query must return exactly one column, named as the destination's attribute.</summary>
public static class AudienceColumnCheck
{
    /// <summary>Null when the columns fit, else what is wrong and what to change.</summary>
    public static string? Problem(IReadOnlyList<string> columns, string attributeName)
    {
        if (columns.Count != 1)
        {
            var found = columns.Count == 0 ? "none" : string.Join(", ", columns.Select(c => $"'{c}'"));
            return $"The query returns {columns.Count} columns ({found}); it must return exactly one column named '{attributeName}'. " +
                   $"Select only that column, e.g. SELECT ... AS {attributeName}.";
        }
        var column = columns[0];
        if (column == attributeName)
        {
            return null;
        }
        if (string.Equals(column, attributeName, StringComparison.OrdinalIgnoreCase))
        {
            return $"The query's column is named '{column}' but the destination's attribute is '{attributeName}'; " +
                   $"names must match exactly, and only the case differs: write AS {attributeName}.";
        }
        return $"The query's column is named '{column}' but the destination's attribute is '{attributeName}'; " +
               $"rename it in the query (SELECT {column} AS {attributeName} ...).";
    }

    public static void Require(IReadOnlyList<string> columns, string attributeName)
    {
        if (Problem(columns, attributeName) is { } problem)
        {
            throw new AudienceRejectedException(problem);
        }
    }
}
