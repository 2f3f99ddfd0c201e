namespace Herald.Core.Pii;

/// <summary>
/// A column of the customer 360 that holds personal data (PII): a name, an address, an email, a phone number, a
/// birthdate, or an identifier derived from them. Table and column names compare case-insensitively, as DuckDB's do.
/// </summary>
/// <param name="Table">The table (or view) name, without catalog or schema, such as <c>Customer_360</c>.</param>
/// <param name="Column">The column name, such as <c>email</c>.</param>
public sealed record PiiColumn(string Table, string Column)
{
    /// <summary>Longest table or column name Herald accepts as a PII mark (DuckDB's own limit is far above any real name).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Whether this is <paramref name="table"/>.<paramref name="column"/>, ignoring case.</summary>
    public bool Is(string table, string column) =>
        string.Equals(Table, table, StringComparison.OrdinalIgnoreCase) && string.Equals(Column, column, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <c>Table.Column</c> (one dot; both parts non-empty, without spaces or quotes); null when
    /// <paramref name="text"/> is not of that shape.
    /// </summary>
    public static PiiColumn? TryParse(string? text)
    {
        var parts = text?.Trim().Split('.') ?? [];
        return parts is [var table, var column] && IsName(table) && IsName(column) ? new PiiColumn(table, column) : null;
    }

    /// <summary>Whether <paramref name="name"/> can be a table or column name of a PII mark: 1 to 255 characters, no spaces, quotes or control characters.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '`' or '.');

    public override string ToString() => $"{Table}.{Column}";
}
