namespace Herald.Application.UseCases;

/// <summary>A query's first rows, and whether its one column is the attribute named (with the check in words).</summary>
/// <param name="Shortened">Why the preview shows less than the query returned (rows left out, cells cut), or null when it is whole.</param>
public sealed record QueryPreviewResult(
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool ColumnCheckPassed, string ColumnCheck, string? Shortened);
