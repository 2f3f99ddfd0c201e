namespace Herald.Snowflake.Statements;

/// <summary>
/// A request to run: SQL text, its bind values (sent as <c>TEXT</c>, one per <c>?</c>, null for SQL NULL) and how many
/// statements the text holds. Snowflake takes no bind values in a multi-statement request.
/// </summary>
/// <param name="Sql">The statement text. Bound values never go into it.</param>
/// <param name="Purpose">What the statement is for, in words for messages (e.g. "load batch 3 of insider_users").</param>
public sealed record SnowflakeStatement(string Sql, string Purpose)
{
    public IReadOnlyList<string?> Bindings { get; init; } = [];

    /// <summary>Statements in <see cref="Sql"/>; more than one is sent as <c>multi_statement_count</c>.</summary>
    public int StatementCount { get; init; } = 1;
}
