namespace Herald.Core.Catalog;

/// <summary>The destination plugins Herald knows.</summary>
public static class Plugins
{
    public const string InsiderOne = "insiderone";

    /// <summary>A Snowflake login that bridges publish tables with (account identifier, user, role, warehouse, private key).</summary>
    public const string Snowflake = "snowflake";

    public static bool IsKnown(string plugin) => plugin == InsiderOne;
}
