using Herald.Core.Audiences;

namespace Herald.Core.Runs;

/// <summary>A run's stored fields, without its history.</summary>
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
    long Version);
