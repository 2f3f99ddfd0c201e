using System.Text.RegularExpressions;

namespace Herald.Core.Catalog;

/// <summary>
/// Herald's own rules on what users configure, whatever the destination. A destination plugin adds its own
/// (IDestinationPlugin.CheckDestination).
/// </summary>
public static partial class CatalogRules
{
    public const int MaxCatalogNameLength = 100;

    public static IReadOnlyList<string> CheckCatalogName(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [$"The {what} name is empty: give it a name such as 'vip-emails'."];
        }
        if (name.Length > MaxCatalogNameLength || !CatalogName().IsMatch(name))
        {
            return [$"The {what} name '{name}' may hold only letters, digits, '-', '_' and '.', starting with a letter or digit, up to {MaxCatalogNameLength} characters."];
        }
        return [];
    }

    /// <summary>The shrink guard is a share of the segment: more than 0 (nothing may be removed) up to 1 (no guard).</summary>
    public static IReadOnlyList<string> CheckShrinkGuardShare(double? share) =>
        share is null or (>= 0 and <= 1) && !double.IsNaN(share ?? 0)
            ? []
            : [$"The shrink guard share {share} must be between 0 and 1, such as 0.5 to stop a replace that would remove more than half of the segment."];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CatalogName();
}
