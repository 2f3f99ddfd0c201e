using Herald.SnowflakeStandIn.Sql;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>A name of up to three parts (<c>db.schema.object</c>) read from tokens, resolved as Snowflake does:
/// unquoted parts uppercased, missing parts taken from the session.</summary>
internal sealed record QualifiedName(IReadOnlyList<string> Parts)
{
    public static QualifiedName Read(IReadOnlyList<SqlToken> tokens, ref int index)
    {
        var parts = new List<string>();
        while (index < tokens.Count && tokens[index].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            parts.Add(tokens[index].IdentifierName);
            index++;
            if (index < tokens.Count && tokens[index].IsSymbol("."))
            {
                index++;
                continue;
            }

            break;
        }

        if (parts.Count is 0 or > 3)
        {
            throw StatementFailure.Compilation("syntax error: a name was expected (name, schema.name or database.schema.name).");
        }

        return new QualifiedName(parts);
    }

    public string Last => Parts[^1];

    /// <summary>Snowflake's printed form: parts that are not plain uppercase names are quoted.</summary>
    public static string Print(params string[] parts) =>
        string.Join('.', parts.Select(part => part.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') ? part : "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>The parts of a name printed by <see cref="Print"/>: split at dots outside quotes, quotes removed.</summary>
    public static IReadOnlyList<string> ParsePrinted(string printed)
    {
        var parts = new List<string>();
        var part = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < printed.Length; i++)
        {
            var c = printed[i];
            if (c == '"' && quoted && i + 1 < printed.Length && printed[i + 1] == '"')
            {
                part.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '.' && !quoted)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
            else
            {
                part.Append(c);
            }
        }

        parts.Add(part.ToString());
        return parts;
    }
}
