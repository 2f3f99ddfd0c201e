using Herald.SnowflakeStandIn.Engine;

namespace Herald.SnowflakeStandIn.Sql;

/// <summary>Snowflake's limits on one statement that the stand-in enforces before running anything.</summary>
internal static class StatementLimits
{
    /// <summary>Refuses a <c>VALUES</c> list longer than <paramref name="maxRows"/> rows.</summary>
    public static void CheckValuesRows(SqlStatement statement, int maxRows)
    {
        var tokens = statement.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord("VALUES"))
            {
                continue;
            }

            var rows = 0;
            var depth = 0;
            for (var j = i + 1; j < tokens.Count; j++)
            {
                var token = tokens[j];
                if (token.IsSymbol("("))
                {
                    if (depth == 0) rows++;
                    depth++;
                }
                else if (token.IsSymbol(")"))
                {
                    depth--;
                }
                else if (depth == 0 && !token.IsSymbol(","))
                {
                    break;
                }
            }

            if (rows > maxRows)
            {
                throw StatementFailure.Compilation(
                    $"Maximum number of expressions in a list exceeded, expected at most {maxRows:N0}, got {rows:N0}");
            }
        }
    }
}
