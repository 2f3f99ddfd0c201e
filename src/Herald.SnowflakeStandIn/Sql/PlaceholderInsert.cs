namespace Herald.SnowflakeStandIn.Sql;

/// <summary>
/// Recognises the shape of a batched load, <c>INSERT INTO name [(columns)] VALUES (?, ...), (?, ...)</c> with nothing
/// but placeholders in the rows, so the stand-in can take its rows through DuckDB's appender: binding tens of
/// thousands of parameters one by one would make the stand-in, not the client, the measure of a load.
/// </summary>
internal static class PlaceholderInsert
{
    /// <returns>The text between <c>INSERT INTO</c> and <c>VALUES</c> (the table and its column list) and the values per
    /// row; null when the statement has another shape.</returns>
    public static (string Target, int Width)? Match(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (!statement.StartsWith("INSERT", "INTO"))
        {
            return null;
        }

        var values = -1;
        for (var i = 2; i < tokens.Count; i++)
        {
            if (tokens[i].IsWord("VALUES"))
            {
                values = i;
                break;
            }

            if (tokens[i].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier) && !tokens[i].IsSymbol(".") && !tokens[i].IsSymbol("(") &&
                !tokens[i].IsSymbol(")") && !tokens[i].IsSymbol(","))
            {
                return null;
            }
        }

        if (values < 3)
        {
            return null;
        }

        var width = -1;
        var index = values + 1;
        while (index < tokens.Count)
        {
            if (!tokens[index].IsSymbol("("))
            {
                return null;
            }

            var count = 0;
            index++;
            while (index < tokens.Count && tokens[index].Kind == SqlTokenKind.Placeholder)
            {
                count++;
                index++;
                if (index < tokens.Count && tokens[index].IsSymbol(","))
                {
                    index++;
                }
            }

            if (index >= tokens.Count || !tokens[index].IsSymbol(")") || count == 0 || (width >= 0 && count != width))
            {
                return null;
            }

            width = count;
            index++;
            if (index < tokens.Count && !tokens[index].IsSymbol(","))
            {
                return null;
            }

            index++;
        }

        return width < 0 ? null : (statement.Text[tokens[2].Start..tokens[values].Start].Trim(), width);
    }
}
