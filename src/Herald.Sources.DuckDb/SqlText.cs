namespace Herald.Sources.DuckDb;

internal static class SqlText
{
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// The user's query as a subquery: trailing semicolons go, and the closing parenthesis goes on its own
    /// line so that a trailing <c>-- comment</c> cannot swallow it.
    /// </summary>
    public static string AsSubquery(string sql) => "(\n" + sql.Trim().TrimEnd(';').TrimEnd() + "\n)";
}
