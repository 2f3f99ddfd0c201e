namespace Herald.Application.Configuration;

/// <summary>The outcome of a three-way merge: the merged document when every conflict is resolved, and the conflicts left.</summary>
public sealed record CatalogMergeResult(CatalogDocument? Merged, IReadOnlyList<FieldConflict> Conflicts);
