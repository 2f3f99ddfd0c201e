using Herald.Application.Pii;

namespace Herald.Application.UseCases;

/// <summary>A query's first rows, and whether its one column is the attribute named (with the check in words).</summary>
/// <param name="Shortened">Why the preview shows less than the query returned (rows left out, cells cut), or null when it is whole.</param>
/// <param name="Pii">Which result columns are personal data, and whether the audience is, with the rule that decided.</param>
/// <param name="Redacted">Why some values are hidden (the caller may not see personal data), or null when every value is shown.</param>
public sealed record QueryPreviewResult(
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool ColumnCheckPassed, string ColumnCheck, string? Shortened,
    PiiFinding Pii, string? Redacted = null);
