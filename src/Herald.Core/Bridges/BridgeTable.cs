namespace Herald.Core.Bridges;

/// <summary>One table a bridge publishes.</summary>
/// <param name="Name">One of <see cref="Known"/>: the table's name in the target.</param>
/// <param name="Sql">The user's own SELECT for the table; null for the template Herald ships.</param>
public sealed record BridgeTable(string Name, string? Sql)
{
    /// <summary>The tables Insider One imports (customer-360.md, "Insider One tables").</summary>
    public static IReadOnlyList<string> Known { get; } = ["insider_users", "insider_events"];

    /// <summary>Longest SQL a table accepts, in characters.</summary>
    public const int MaxSqlLength = 100_000;
}
