using Herald.Core.Audiences;
using Herald.Application.Pii;

namespace Herald.Application.UseCases;

/// <summary>A query's first rows, and whether its one column is the attribute named (with the check in words).</summary>
/// <param name="Shortened">Why the preview shows less than the query returned (rows left out, cells cut), or null when it is whole.</param>
/// <param name="Pii">Which result columns are personal data, and whether the audience is, with the rule that decided.</param>
/// <param name="Redacted">Why some values are hidden (the caller may not see personal data), or null when every value is shown.</param>
/// <param name="Counts">
/// What a run of the whole query would send and set aside, by the run's own value rules (the destination's rule for its
/// attribute when a destination is named); null when the column check did not pass, since a run would stop there.
/// </param>
/// <param name="CountsSummary">The counts in one sentence for people, or null with <paramref name="Counts"/>.</param>
public sealed record QueryPreviewResult(
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool ColumnCheckPassed, string ColumnCheck, string? Shortened,
    PiiFinding Pii, string? Redacted = null, AudienceCounts? Counts = null, string? CountsSummary = null);
