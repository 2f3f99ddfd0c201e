using System.Text;

namespace Herald.SnowflakeStandIn.Sql;

/// <summary>
/// Splits a request's text into statements and tokens the way Snowflake reads it: <c>'...'</c> strings with
/// <c>''</c> and backslash escapes, <c>$$...$$</c> strings, <c>"..."</c> identifiers with <c>""</c>, comments
/// (<c>--</c>, <c>//</c>, <c>/* */</c>), <c>?</c> placeholders and <c>;</c> between statements.
/// </summary>
internal static class SqlLexer
{
    public static IReadOnlyList<SqlStatement> Split(string text)
    {
        var statements = new List<SqlStatement>();
        var tokens = new List<SqlToken>();
        var statementStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Peek(text, i + 1) == '-' || c == '/' && Peek(text, i + 1) == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '/' && Peek(text, i + 1) == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new SqlSyntaxException("SQL compilation error: a /* comment is not closed.");
                i = end + 2;
            }
            else if (c == ';')
            {
                Close(text, statementStart, i, tokens, statements);
                tokens = [];
                statementStart = ++i;
            }
            else if (c == '\'')
            {
                var (value, end) = ReadQuotedString(text, i);
                tokens.Add(new SqlToken(SqlTokenKind.String, value, i, end - i));
                i = end;
            }
            else if (c == '$' && Peek(text, i + 1) == '$')
            {
                var end = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new SqlSyntaxException("SQL compilation error: a $$ string is not closed.");
                tokens.Add(new SqlToken(SqlTokenKind.String, text[(i + 2)..end], i, end + 2 - i));
                i = end + 2;
            }
            else if (c == '"')
            {
                var (value, end) = ReadQuotedIdentifier(text, i);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, value, i, end - i));
                i = end;
            }
            else if (c == '?')
            {
                tokens.Add(new SqlToken(SqlTokenKind.Placeholder, "?", i, 1));
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, text[start..i], start, i - start));
            }
            else if (char.IsDigit(c) || c == '.' && char.IsDigit(Peek(text, i + 1)))
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' ||
                       (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E'))) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Number, text[start..i], start, i - start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.AsSpan(i, 2) : default;
                var length = two is "::" or "<=" or ">=" or "<>" or "!=" or "||" or "=>" ? 2 : 1;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, length == 1 ? Symbol(c) : text.Substring(i, 2), i, length));
                i += length;
            }
        }

        Close(text, statementStart, text.Length, tokens, statements);
        return statements;
    }

    private static void Close(string text, int start, int end, List<SqlToken> tokens, List<SqlStatement> statements)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var statementText = text[start..end];
        var relative = tokens.Select(token => token with { Start = token.Start - start }).ToList();
        statements.Add(new SqlStatement(statementText, relative));
    }

    /// <summary>The common one-character symbols without a new string each: a batch has a hundred thousand of them.</summary>
    private static string Symbol(char c) => c switch
    {
        ',' => ",",
        '(' => "(",
        ')' => ")",
        '.' => ".",
        '=' => "=",
        _ => c.ToString(),
    };

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static (string Value, int End) ReadQuotedString(string text, int start)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'' && Peek(text, i + 1) == '\'')
            {
                value.Append('\'');
                i += 2;
            }
            else if (c == '\'')
            {
                return (value.ToString(), i + 1);
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                value.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                i += 2;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        throw new SqlSyntaxException("SQL compilation error: a string literal is not closed.");
    }

    private static (string Value, int End) ReadQuotedIdentifier(string text, int start)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '"' && Peek(text, i + 1) == '"')
            {
                value.Append('"');
                i += 2;
            }
            else if (text[i] == '"')
            {
                if (value.Length == 0) throw new SqlSyntaxException("SQL compilation error: an empty quoted identifier.");
                return (value.ToString(), i + 1);
            }
            else
            {
                value.Append(text[i++]);
            }
        }

        throw new SqlSyntaxException("SQL compilation error: a quoted identifier is not closed.");
    }
}
