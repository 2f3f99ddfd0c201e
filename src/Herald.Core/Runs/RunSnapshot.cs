using Herald.Core.Audiences;

namespace Herald.Core.Runs;

/// <summary>
/// A run's stored fields, without its history. <see cref="File"/>, <see cref="SubmissionStartedAt"/>,
/// <see cref="SubmittedAt"/> and <see cref="Report"/> summarise the <see cref="Parts"/>; runs stored before
/// parts existed have only those, and are read back as one part.
/// </summary>
public sealed record RunSnapshot(
    Guid Id,
    RunOrigin Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RunState State,
    string Reason,
    FailureKind? Failure,
    AudienceCounts? Counts,
    StagedFile? File,
    DateTimeOffset? SubmissionStartedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ReportDeadline,
    SegmentReport? Report,
    DateTimeOffset? FinishedAt,
    long Version,
    IReadOnlyList<SegmentPart>? Parts = null,
    SegmentComparison? Comparison = null);
