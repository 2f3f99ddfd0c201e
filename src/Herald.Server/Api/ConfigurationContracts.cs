using Herald.Application.Configuration;

namespace Herald.Server.Api;

/// <summary>One field side by side: null on the side that does not have it.</summary>
public sealed record FieldDifferenceView(string Field, string? Before, string? After);

/// <summary>One entry that differs: <c>Change</c> is <c>added</c>, <c>changed</c> or <c>removed</c>.</summary>
public sealed record EntryDifferenceView(string Kind, string Name, string Change, IReadOnlyList<FieldDifferenceView> Fields);

/// <summary>
/// What <c>POST /api/config/apply</c> did: <c>Applied</c> is false for a dry run and for a file the catalog holds
/// already; <c>Summary</c> is "N added, N changed, N removed".
/// </summary>
public sealed record ConfigurationAppliedView(bool Applied, bool DryRun, string Summary, IReadOnlyList<EntryDifferenceView> Entries, IReadOnlyList<string> Warnings)
{
    internal static ConfigurationAppliedView Of(ConfigurationApplied applied, bool dryRun) =>
        new(applied.Applied, dryRun, applied.Difference.Summary, EntriesOf(applied.Difference), applied.Warnings);

    internal static IReadOnlyList<EntryDifferenceView> EntriesOf(CatalogDifference difference) =>
        [.. difference.Entries.Select(e => new EntryDifferenceView(e.Kind, e.Name, e.Change.ToString().ToLowerInvariant(),
            [.. e.Fields.Select(f => new FieldDifferenceView(f.Field, f.Before, f.After))]))];
}
