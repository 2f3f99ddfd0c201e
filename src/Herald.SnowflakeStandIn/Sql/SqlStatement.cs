namespace Herald.SnowflakeStandIn.Sql;

/// <summary>One statement of a request: its text (without the separating semicolon) and its tokens, whose offsets
/// are relative to <see cref="Text"/>.</summary>
internal sealed record SqlStatement(string Text, IReadOnlyList<SqlToken> Tokens)
{
    public int PlaceholderCount => Tokens.Count(token => token.Kind == SqlTokenKind.Placeholder);

    /// <summary>True when the tokens begin with these words (ignoring case).</summary>
    public bool StartsWith(params string[] words) =>
        Tokens.Count >= words.Length && words.Select((word, i) => Tokens[i].IsWord(word)).All(match => match);
}
