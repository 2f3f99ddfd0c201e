namespace Herald.SnowflakeStandIn.Sql;

/// <summary>One token of Snowflake SQL. <see cref="Value"/> is the decoded text: a string literal without quotes and
/// escapes, a quoted identifier without its quotes, a word as written.</summary>
internal sealed record SqlToken(SqlTokenKind Kind, string Value, int Start, int Length)
{
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Value.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Value == symbol;

    /// <summary>The name an identifier token stands for, as Snowflake resolves it: unquoted names uppercased.</summary>
    public string IdentifierName => Kind == SqlTokenKind.QuotedIdentifier ? Value : Value.ToUpperInvariant();
}
