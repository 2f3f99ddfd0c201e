using Herald.Core.Audiences;

namespace Herald.Core.Runs;

/// <summary>A run's stored fields, without its history.</summary>
/// <param name="Parts">The segments the run uploads; empty until the comparing step plans them.</param>
/// <param name="Remedy">What would let a failed run through; null when nothing Herald knows of would.</param>
public sealed record RunSnapshot(
    Guid Id,
    RunOrigin Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    RunState State,
    string Reason,
    FailureKind? Failure,
    AudienceCounts? Counts,
    DateTimeOffset? ReportDeadline,
    DateTimeOffset? FinishedAt,
    long Version,
    IReadOnlyList<SegmentPart> Parts,
    SegmentComparison? Comparison = null,
    RunRemedy? Remedy = null);
