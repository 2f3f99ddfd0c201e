namespace Herald.Core.Catalog;

/// <summary>The destination plugins Herald knows.</summary>
public static class Plugins
{
    public const string InsiderOne = "insiderone";

    public static bool IsKnown(string plugin) => plugin == InsiderOne;
}
