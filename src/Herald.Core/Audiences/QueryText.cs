using System.Text.RegularExpressions;

namespace Herald.Core.Audiences;

/// <summary>The user's query text as Herald wraps it in its own SQL.</summary>
public static partial class QueryText
{
    /// <summary>
    /// The query up to its last character of code that is not a semicolon: what follows (semicolons, blanks,
    /// <c>--</c> and <c>/* */</c> comments) goes. Strings, quoted names and dollar-quoted text are skipped whole,
    /// so a <c>;</c> or <c>--</c> inside them stays.
    /// </summary>
    public static string WithoutTrailingTerminators(string sql)
    {
        var end = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && At(sql, i, "--"))
            {
                var newline = sql.IndexOf('\n', i);
                i = newline < 0 ? sql.Length : newline + 1;
                continue;
            }
            if (c == '/' && At(sql, i, "/*"))
            {
                var close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + 2;
                continue;
            }
            if (char.IsWhiteSpace(c) || c == ';')
            {
                i++;
                continue;
            }
            var next = c switch
            {
                '\'' or '"' => Closing(sql, i + 1, c.ToString()),
                '$' when DollarTag().Match(sql, i) is { Success: true } tag => Closing(sql, i + tag.Length, tag.Value),
                _ => i + 1,
            };
            end = next;
            i = next;
        }
        return sql[..end];
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    /// <summary>The index after the closing <paramref name="quote"/> (a doubled quote inside stays in), or the end.</summary>
    private static int Closing(string sql, int from, string quote)
    {
        while (true)
        {
            var close = sql.IndexOf(quote, from, StringComparison.Ordinal);
            if (close < 0)
            {
                return sql.Length;
            }
            if (quote.Length == 1 && close + 1 < sql.Length && sql[close + 1] == quote[0])
            {
                from = close + 2;
                continue;
            }
            return close + quote.Length;
        }
    }

    [GeneratedRegex(@"\G\$[A-Za-z_]*\$")]
    private static partial Regex DollarTag();
}
