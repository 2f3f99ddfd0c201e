using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb;

internal static class SqlText
{
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// The user's query as a subquery: trailing semicolons and comments go (a query file often ends with
    /// <c>;</c> and then a comment line), and the closing parenthesis goes on its own line so that a
    /// <c>-- comment</c> left inside cannot swallow it.
    /// </summary>
    public static string AsSubquery(string sql) => "(\n" + QueryText.WithoutTrailingTerminators(sql) + "\n)";
}
