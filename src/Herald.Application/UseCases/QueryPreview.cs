namespace Herald.Application.UseCases;

/// <summary>A query's first rows, and whether its one column is the attribute named (with the check in words).</summary>
public sealed record QueryPreviewResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, bool ColumnCheckPassed, string ColumnCheck);
