using System.Text.RegularExpressions;

namespace Herald.Snowflake.Publishing;

/// <summary>
/// The statements that put tables in a share (snowflake.md, "Loading and sharing"): <c>CREATE SHARE IF NOT
/// EXISTS</c>, <c>GRANT USAGE</c> on the database and schema, <c>GRANT SELECT</c> on each table, and
/// <c>ALTER SHARE ... ADD ACCOUNTS</c> for the consumer. Each is harmless to repeat. Names are checked here because
/// they go into SQL text (a share takes no bind values).
/// </summary>
internal sealed partial class ShareRequest
{
    private readonly List<string> statements = [];

    /// <exception cref="SnowflakeException">A name is not one Herald can put in a statement; the message says which.</exception>
    public ShareRequest(string shareName, IReadOnlyList<TableDefinition> tables, string? consumerAccount, SnowflakeConnection connection)
    {
        if (NameProblems(shareName, consumerAccount) is [var problem, ..])
        {
            throw new SnowflakeException(SnowflakeFailureKind.Input, problem);
        }

        if (tables.Count == 0)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Input, $"Share '{shareName}' needs at least one table.");
        }

        foreach (var table in tables)
        {
            table.ThrowIfInvalid();
        }

        statements.Add($"CREATE SHARE IF NOT EXISTS {shareName}");
        statements.Add($"GRANT USAGE ON DATABASE {connection.Database} TO SHARE {shareName}");
        statements.Add($"GRANT USAGE ON SCHEMA {connection.Database}.{connection.Schema} TO SHARE {shareName}");
        foreach (var table in tables)
        {
            statements.Add($"GRANT SELECT ON TABLE {connection.Database}.{connection.Schema}.{LoadTable.Quote(table.Name)} TO SHARE {shareName}");
        }

        if (consumerAccount is not null)
        {
            statements.Add($"ALTER SHARE {shareName} ADD ACCOUNTS = {consumerAccount}");
        }
    }

    /// <summary>What is wrong with a share name and consumer account, each saying what to give instead; empty when both can go into SQL.</summary>
    public static IReadOnlyList<string> NameProblems(string? shareName, string? consumerAccount)
    {
        var problems = new List<string>();
        if (!ShareName().IsMatch(shareName ?? ""))
        {
            problems.Add($"Share name '{shareName}': use letters, digits and '_', starting with a letter or '_', such as HERALD_INSIDER_ONE.");
        }

        if (consumerAccount is not null && !ConsumerAccount().IsMatch(consumerAccount))
        {
            problems.Add($"Consumer account '{consumerAccount}': give Insider One's account as ORGANIZATION.ACCOUNT, such as INSIDERORG.EU_ACCOUNT, as Insider One's Snowflake page shows it.");
        }

        return problems;
    }

    public int StatementCount => statements.Count;

    public string Sql() => string.Join("; ", statements);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex ShareName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,255}\\.[A-Za-z0-9_]{1,255}$")]
    private static partial Regex ConsumerAccount();
}
