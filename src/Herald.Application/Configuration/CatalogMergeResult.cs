namespace Herald.Application.Configuration;

/// <summary>
/// The outcome of a three-way merge: the merged document when every conflict is resolved, the conflicts left, and the
/// resolutions given that matched no conflict (a typo, or a conflict that is no more), which a pull refuses rather than ignores.
/// </summary>
public sealed record CatalogMergeResult(CatalogDocument? Merged, IReadOnlyList<FieldConflict> Conflicts, IReadOnlyList<string> UnusedResolutions);
