namespace Herald.Core.Bridges;

/// <summary>A sync as the store keeps it; <see cref="BridgeSync"/> is rebuilt from it.</summary>
public sealed record BridgeSyncSnapshot(
    Guid Id,
    Guid BridgeId,
    string BridgeName,
    string StartedBy,
    bool AllowShrink,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    BridgeSyncState State,
    string Reason,
    SyncFailureKind? Failure,
    IReadOnlyList<BridgeTableCounts> Tables,
    BridgeShareState? Share,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<BridgeSyncEvent> History,
    long Version);
