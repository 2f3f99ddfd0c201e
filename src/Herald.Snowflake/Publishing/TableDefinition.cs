using System.Text.RegularExpressions;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// A table Herald publishes: its name, its columns in order, the key column that identifies a row (text), and the
/// <c>updated_at</c> column incremental loads compare (a timestamp). Names are all lowercase or all uppercase, never
/// mixed (customer-360.md, "Insider One tables"), and are sent quoted, exactly as given.
/// </summary>
public sealed partial record TableDefinition(string Name, IReadOnlyList<TableColumn> Columns, string KeyColumn, string? UpdatedAtColumn)
{
    /// <summary>Longest name Herald accepts: Snowflake's 255 less the load table's suffix.</summary>
    public const int LongestName = 255 - 13;

    /// <summary>Every problem with the definition, each saying what to change; empty when it can be published.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!SingleCaseName().IsMatch(Name ?? ""))
        {
            problems.Add($"Table name '{Name}': use letters, digits and '_', starting with a letter or '_', all lowercase or all uppercase, up to {LongestName} characters.");
        }
        else if (Name!.EndsWith(LoadTable.Suffix(Name), StringComparison.Ordinal))
        {
            problems.Add($"Table name '{Name}': names ending in '{LoadTable.Suffix(Name)}' are Herald's load tables.");
        }

        if (Columns is not { Count: > 0 })
        {
            problems.Add($"Table '{Name}' needs at least one column.");
            return problems;
        }

        var uppercase = Name == Name?.ToUpperInvariant();
        foreach (var column in Columns)
        {
            if (!SingleCaseName().IsMatch(column.Name ?? "") || (column.Name == column.Name!.ToUpperInvariant()) != uppercase && column.Name.Any(char.IsLetter))
            {
                problems.Add($"Column '{column.Name}' of '{Name}': use letters, digits and '_', in the same case as the table name ({(uppercase ? "all uppercase" : "all lowercase")}).");
            }

            if (!ColumnType().IsMatch(column.Type ?? ""))
            {
                problems.Add($"Column '{column.Name}' of '{Name}': the type '{column.Type}' is not one Herald publishes (VARCHAR, NUMBER(p,s), FLOAT, BOOLEAN, DATE, TIMESTAMP_NTZ, TIMESTAMP_TZ).");
            }

            if (column.Name is not null && column.Name.Equals(LoadTable.DeletedColumn(Name ?? ""), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Column '{column.Name}' of '{Name}': the name is Herald's own marker column in load tables; rename it.");
            }
        }

        foreach (var duplicate in Columns.GroupBy(column => column.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            problems.Add($"Column '{duplicate.Key}' appears {duplicate.Count()} times in '{Name}'.");
        }

        var key = Columns.FirstOrDefault(column => column.Name == KeyColumn);
        if (key is null)
        {
            problems.Add($"Key column '{KeyColumn}' is not a column of '{Name}'.");
        }
        else if (!key.Type.StartsWith("VARCHAR", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Key column '{KeyColumn}' of '{Name}' must be VARCHAR (incremental loads match keys as text).");
        }

        if (UpdatedAtColumn is not null)
        {
            var updatedAt = Columns.FirstOrDefault(column => column.Name == UpdatedAtColumn);
            if (updatedAt is null || !updatedAt.Type.StartsWith("TIMESTAMP", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"'{UpdatedAtColumn}' must be a TIMESTAMP_NTZ or TIMESTAMP_TZ column of '{Name}' to compare versions of a row.");
            }
        }

        return problems;
    }

    /// <exception cref="SnowflakeException">The definition has problems; the message lists them.</exception>
    internal void ThrowIfInvalid()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Input, $"Table '{Name}' cannot be published: " + string.Join(" ", problems));
        }
    }

    internal int IndexOf(string column) => Columns.ToList().FindIndex(c => c.Name == column);

    [GeneratedRegex("^(?:[a-z_][a-z0-9_]{0,241}|[A-Z_][A-Z0-9_]{0,241})$")]
    private static partial Regex SingleCaseName();

    [GeneratedRegex(@"^(VARCHAR(\(\d{1,8}\))?|NUMBER(\(\d{1,2}(,\s?\d{1,2})?\))?|FLOAT|BOOLEAN|DATE|TIMESTAMP_NTZ|TIMESTAMP_TZ)$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnType();
}
