namespace Herald.Core.Catalog;

/// <summary>
/// The catalog was written by someone else between the moment a whole-catalog change (a configuration file applied, a
/// sandbox promoted) read it and the moment it was to be written: the change is not made, so it never overwrites an
/// edit its author did not see.
/// </summary>
public sealed class CatalogChangedException(long expectedRevision, long actualRevision)
    : InvalidOperationException($"The catalog changed since it was read (revision {expectedRevision}, now {actualRevision}).")
{
    public long ExpectedRevision { get; } = expectedRevision;

    public long ActualRevision { get; } = actualRevision;
}
