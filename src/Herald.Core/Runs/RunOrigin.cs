namespace Herald.Core.Runs;

/// <summary>
/// What a run sends and where: a snapshot taken when the run is created, so that editing the
/// destination or orchestration later does not change a run already under way.
/// </summary>
public sealed record RunOrigin(
    Guid DestinationId,
    string DestinationName,
    Guid CredentialId,
    Guid? OrchestrationId,
    string? OrchestrationName,
    string Query,
    string SegmentName,
    string AttributeName,
    bool AllowEmpty,
    string StartedBy);
