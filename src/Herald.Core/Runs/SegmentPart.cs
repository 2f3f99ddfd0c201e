using Herald.Core.Updates;

namespace Herald.Core.Runs;

/// <summary>
/// One segment a run uploads: the only one, or one numbered part of a split audience. Each part is submitted
/// on its own (recorded before it leaves, so that a crash leaves it known to be in doubt) and reported on its own.
/// </summary>
/// <param name="ExistedBefore">Whether Insider One held the segment before this run; null when not known (a run from before updates).</param>
/// <param name="Diff">What this part changes in its segment; null when not compared.</param>
/// <param name="DownloadedAt">When Insider One first downloaded the part's file from Herald's file endpoint.</param>
public sealed record SegmentPart(
    int Number,
    string SegmentName,
    bool? ExistedBefore,
    long Values,
    SegmentDiff? Diff,
    StagedFile? File = null,
    DateTimeOffset? SubmissionStartedAt = null,
    DateTimeOffset? SubmittedAt = null,
    SegmentReport? Report = null,
    DateTimeOffset? DownloadedAt = null)
{
    /// <summary>The submission may have reached Insider One, but no answer was recorded.</summary>
    public bool SubmissionInDoubt => SubmissionStartedAt is not null && SubmittedAt is null;
}
