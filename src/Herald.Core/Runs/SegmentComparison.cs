using Herald.Core.Updates;

namespace Herald.Core.Runs;

/// <summary>
/// What the comparing step found: how the run changes the segment against what Insider One held before it.
/// </summary>
/// <param name="SegmentsBefore">The segments Herald read Insider One's values from (one, or the parts of the last layout).</param>
/// <param name="SegmentsLeftBehind">Segments of the earlier layout this run no longer updates (the audience needed a new layout); they keep their members in Insider One.</param>
/// <param name="HasSample">A sample of the changed values was saved; it is served to those allowed to see personal data.</param>
public sealed record SegmentComparison(
    SegmentUpdateMode Mode,
    SegmentDiff Diff,
    IReadOnlyList<string> SegmentsBefore,
    IReadOnlyList<string> SegmentsLeftBehind,
    bool HasSample,
    bool Forced);
