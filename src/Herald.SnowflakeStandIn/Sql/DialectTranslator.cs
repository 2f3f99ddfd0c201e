using System.Text;
using Herald.SnowflakeStandIn.Engine;

namespace Herald.SnowflakeStandIn.Sql;

/// <summary>
/// Turns a Snowflake statement into one DuckDB runs, or into a command the stand-in answers itself. Only the
/// statements a publisher needs are let through (queries, DML, table DDL, transactions, shares); anything else
/// (file access, <c>PUT</c>/<c>GET</c>, DuckDB's own <c>ATTACH</c>, <c>PRAGMA</c>, <c>SET</c>, <c>INSTALL</c> ...) is refused.
/// </summary>
internal static class DialectTranslator
{
    private static readonly Dictionary<string, string> TypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // Snowflake's integer names are NUMBER(38,0); DuckDB's are 32 and 64 bits.
        ["INT"] = "DECIMAL(38,0)", ["INTEGER"] = "DECIMAL(38,0)", ["BIGINT"] = "DECIMAL(38,0)", ["SMALLINT"] = "DECIMAL(38,0)",
        ["TINYINT"] = "DECIMAL(38,0)", ["BYTEINT"] = "DECIMAL(38,0)",
        ["STRING"] = "VARCHAR", ["TEXT"] = "VARCHAR",
        ["TIMESTAMP_NTZ"] = "TIMESTAMP", ["DATETIME"] = "TIMESTAMP",
        ["TIMESTAMP_LTZ"] = "TIMESTAMPTZ", ["TIMESTAMP_TZ"] = "TIMESTAMPTZ",
        ["FLOAT"] = "DOUBLE", ["FLOAT4"] = "DOUBLE", ["FLOAT8"] = "DOUBLE", ["REAL"] = "DOUBLE",
        ["VARIANT"] = "JSON", ["OBJECT"] = "JSON", ["ARRAY"] = "JSON",
    };

    /// <summary>Snowflake's NUMBER without precision is NUMBER(38,0); DuckDB's DECIMAL without it is DECIMAL(18,3).</summary>
    private static readonly HashSet<string> DecimalWords = new(StringComparer.OrdinalIgnoreCase) { "NUMBER", "NUMERIC", "DECIMAL" };

    public static TranslatedStatement Translate(SqlStatement statement)
    {
        var first = statement.Tokens[0];
        if (first.Kind != SqlTokenKind.Word)
        {
            throw StatementFailure.Compilation($"syntax error: unexpected '{first.Value}'.");
        }

        switch (first.Value.ToUpperInvariant())
        {
            case "PUT" or "GET":
                // The SQL API does not take file transfers (SQL API reference, "Limitations").
                throw StatementFailure.Unsupported($"{first.Value.ToUpperInvariant()} is not supported by the SQL API; load files through a stage and COPY INTO");
            case "SELECT" or "WITH" or "VALUES":
                return Rewrite(StatementKind.Query, statement);
            case "INSERT":
                return Rewrite(StatementKind.Insert, statement);
            case "DELETE":
                return Rewrite(StatementKind.Delete, statement);
            case "UPDATE":
                return Rewrite(StatementKind.Update, statement);
            case "MERGE":
                return Rewrite(StatementKind.Merge, statement);
            case "BEGIN" or "START":
                return new TranslatedStatement(StatementKind.Begin, "BEGIN TRANSACTION", statement);
            case "COMMIT":
                return new TranslatedStatement(StatementKind.Commit, "COMMIT", statement);
            case "ROLLBACK":
                return new TranslatedStatement(StatementKind.Rollback, "ROLLBACK", statement);
            case "USE":
                return new TranslatedStatement(StatementKind.Use, "", statement);
            case "TRUNCATE":
                return TranslateTruncate(statement);
            case "SHOW" when statement.StartsWith("SHOW", "SHARES"):
                return new TranslatedStatement(StatementKind.ShowShares, "", statement);
            case "SHOW" when statement.StartsWith("SHOW", "GRANTS", "TO", "SHARE"):
                return new TranslatedStatement(StatementKind.ShowGrantsToShare, "", statement);
            case "GRANT" when IsToShare(statement):
                return new TranslatedStatement(StatementKind.GrantToShare, "", statement);
            case "ALTER" when statement.StartsWith("ALTER", "SHARE"):
                return new TranslatedStatement(StatementKind.AlterShareAccounts, "", statement);
            case "CREATE" when statement.StartsWith("CREATE", "SHARE") || statement.StartsWith("CREATE", "OR", "REPLACE", "SHARE"):
                return new TranslatedStatement(StatementKind.CreateShare, "", statement);
            case "CREATE" when statement.StartsWith("CREATE", "STAGE") || statement.StartsWith("CREATE", "OR", "REPLACE", "STAGE"):
                return new TranslatedStatement(StatementKind.CreateStage, "", statement);
            case "COPY" when statement.StartsWith("COPY", "INTO"):
                // Snowflake's COPY INTO from a stage; DuckDB's own COPY (files anywhere) stays refused below.
                return new TranslatedStatement(StatementKind.CopyInto, "", statement);
            case "CREATE" when IsDatabaseFromShare(statement):
                return new TranslatedStatement(StatementKind.CreateDatabaseFromShare, "", statement);
            case "DROP" when statement.StartsWith("DROP", "SHARE"):
                return new TranslatedStatement(StatementKind.DropShare, "", statement);
            case "CREATE" or "DROP" or "ALTER" when IsTableDdl(statement):
                return Rewrite(StatementKind.Ddl, statement);
            default:
                throw StatementFailure.Unsupported($"{first.Value.ToUpperInvariant()} (the Snowflake stand-in runs queries, DML, table DDL, transactions and shares)");
        }
    }

    private static bool IsToShare(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        return tokens.Count >= 3 && tokens[^3].IsWord("TO") && tokens[^2].IsWord("SHARE");
    }

    private static bool IsDatabaseFromShare(SqlStatement statement)
    {
        // CREATE DATABASE [IF NOT EXISTS] <name> FROM SHARE <provider_account>.<share>: how a consumer account imports a share.
        var tokens = statement.Tokens;
        return statement.StartsWith("CREATE", "DATABASE") && tokens.Count >= 6 && tokens.Any(token => token.IsWord("FROM"))
            && tokens.SkipWhile(token => !token.IsWord("FROM")).Skip(1).FirstOrDefault()?.IsWord("SHARE") == true;
    }

    private static bool IsTableDdl(SqlStatement statement)
    {
        // CREATE [OR REPLACE] [TRANSIENT | TEMPORARY | TEMP] TABLE | VIEW | SCHEMA; DROP/ALTER TABLE | VIEW | SCHEMA.
        var words = statement.Tokens.Take(5).Where(token => token.Kind == SqlTokenKind.Word).Select(token => token.Value.ToUpperInvariant()).ToList();
        var objectWord = words.Skip(1).FirstOrDefault(word => word is not ("OR" or "REPLACE" or "TRANSIENT" or "TEMPORARY" or "TEMP"));
        return objectWord is "TABLE" or "VIEW" or "SCHEMA";
    }

    private static TranslatedStatement TranslateTruncate(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        var index = 1;
        if (index < tokens.Count && tokens[index].IsWord("TABLE")) index++;
        var ifExists = index + 1 < tokens.Count && tokens[index].IsWord("IF") && tokens[index + 1].IsWord("EXISTS");
        if (ifExists) index += 2;
        if (index >= tokens.Count)
        {
            throw StatementFailure.Compilation("TRUNCATE needs a table name.");
        }

        // DELETE keeps the table, its grants and the enclosing transaction, which is what TRUNCATE means in Snowflake.
        var name = statement.Text[tokens[index].Start..];
        return new TranslatedStatement(StatementKind.Truncate, "DELETE FROM " + name, statement, ifExists);
    }

    /// <summary>Copies the statement, rewriting string literals into DuckDB's quoting, Snowflake's type names into
    /// DuckDB's, and unquoted names into uppercase.</summary>
    private static TranslatedStatement Rewrite(StatementKind kind, SqlStatement statement)
    {
        var text = statement.Text;
        var tokens = statement.Tokens;
        var output = new StringBuilder(text.Length + 16);
        var copied = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            string? replacement = null;
            if (token.Kind == SqlTokenKind.String)
            {
                replacement = "'" + token.Value.Replace("'", "''", StringComparison.Ordinal) + "'";
            }
            else if (token.Kind == SqlTokenKind.Word && TypeWords.TryGetValue(token.Value, out var duckType) && !IsFunctionCall(tokens, i))
            {
                replacement = duckType;
            }
            else if (token.Kind == SqlTokenKind.Word && DecimalWords.Contains(token.Value))
            {
                replacement = i + 1 < tokens.Count && tokens[i + 1].IsSymbol("(") ? "DECIMAL" : "DECIMAL(38,0)";
            }
            else if (token.IsWord("TRANSIENT") && i <= 3)
            {
                replacement = "";
            }
            else if (token.Kind == SqlTokenKind.Word && token.Value.Any(char.IsLower))
            {
                // Snowflake stores and reports unquoted names in uppercase; DuckDB keeps them as written. Keywords and
                // function names are not affected by the case.
                replacement = token.Value.ToUpperInvariant();
            }

            if (replacement is not null)
            {
                output.Append(text, copied, token.Start - copied).Append(replacement);
                copied = token.Start + token.Length;
            }
        }

        output.Append(text, copied, text.Length - copied);
        return new TranslatedStatement(kind, output.ToString(), statement);
    }

    // OBJECT(...) and ARRAY(...) are not types here; a type followed by '(' is only VARCHAR(n) or NUMBER(p,s).
    private static bool IsFunctionCall(IReadOnlyList<SqlToken> tokens, int index) =>
        index + 1 < tokens.Count && tokens[index + 1].IsSymbol("(") && tokens[index].Value.ToUpperInvariant() is "OBJECT" or "ARRAY";
}
