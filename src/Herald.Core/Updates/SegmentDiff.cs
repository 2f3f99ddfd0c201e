namespace Herald.Core.Updates;

/// <summary>
/// What a run changes in a segment, against what Insider One held just before: values added, removed, and
/// kept (held before and after). <c>Removed + Kept</c> is the segment before, <c>Added + Kept</c> after.
/// </summary>
public sealed record SegmentDiff(long Added, long Removed, long Kept)
{
    public static readonly SegmentDiff None = new(0, 0, 0);

    public long Before => Removed + Kept;

    public long After => Added + Kept;

    public bool Changes => Added > 0 || Removed > 0;

    /// <summary>The share of the segment's members the run removes; 0 for a segment that was empty.</summary>
    public double RemovedShare => Before == 0 ? 0 : (double)Removed / Before;

    public SegmentDiff Plus(SegmentDiff other) => new(Added + other.Added, Removed + other.Removed, Kept + other.Kept);

    public override string ToString() => $"{Added:N0} added, {Removed:N0} removed, {Kept:N0} kept";
}
