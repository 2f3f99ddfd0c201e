using Herald.Application.Configuration;

namespace Herald.Server.Web.Pages.Sandboxes;

/// <summary>
/// A difference as the sandbox page shows it: grouped added / changed / removed, one table per entry with one row per
/// field, the two sides' values side by side under <paramref name="BeforeLabel"/> and <paramref name="AfterLabel"/>.
/// Any kind of entry shows (credentials, destinations, orchestrations, and whatever kinds the configuration holds later).
/// </summary>
/// <param name="Id">Prefix of the element ids, unique on the page.</param>
internal sealed record DifferenceTable(CatalogDifference Difference, string Id, string BeforeLabel, string AfterLabel, string EmptyText)
{
    /// <summary>Values longer than this, or on several lines (a query), are shown as a block rather than inline.</summary>
    public const int InlineLength = 60;

    public static readonly IReadOnlyList<(DifferenceKind Change, string Title)> Groups =
        [(DifferenceKind.Added, "Added"), (DifferenceKind.Changed, "Changed"), (DifferenceKind.Removed, "Removed")];

    public IReadOnlyList<EntryDifference> EntriesOf(DifferenceKind change) => [.. Difference.Entries.Where(e => e.Change == change)];

    public static bool IsBlock(string value) => value.Length > InlineLength || value.Contains('\n', StringComparison.Ordinal);
}
