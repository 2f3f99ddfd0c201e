namespace Herald.Core.Updates;

/// <summary>
/// Up to a hundred values of each kind of change, so that a person can see who came and went. They are
/// personal data (PII): kept apart from the run's record, which lists and searches show to everyone.
/// </summary>
public sealed record SegmentDiffSample(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Kept)
{
    public const int DefaultSize = 100;

    public static readonly SegmentDiffSample Empty = new([], [], []);
}
