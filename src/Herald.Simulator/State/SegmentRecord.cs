namespace Herald.Simulator.State;

/// <summary>The simulator's mutable copy of a segment; only <see cref="SimulatorState"/> touches it, under its lock.</summary>
internal sealed class SegmentRecord(SegmentKey key, string attributeName, bool createdByApi, string? ownerToken)
{
    public SegmentKey Key { get; } = key;
    public string AttributeName { get; set; } = attributeName;
    public bool CreatedByApi { get; } = createdByApi;

    /// <summary>The token whose uploads may replace this segment; null for one made in the panel.</summary>
    public string? OwnerToken { get; } = ownerToken;

    public IReadOnlyList<string> Values { get; set; } = [];
    public int Valid { get; set; }
    public int Invalid { get; set; }
    public int Total { get; set; }
    public string State { get; set; } = SegmentStates.Processing;
    public string? FailureReason { get; set; }
    public int UploadCount { get; set; }
    public long LatestUploadId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public SimulatedSegment Snapshot() => new()
    {
        PartnerName = Key.PartnerName,
        Name = Key.Name,
        AttributeName = AttributeName,
        Values = Values,
        Valid = Valid,
        Invalid = Invalid,
        Total = Total,
        State = State,
        FailureReason = FailureReason,
        CreatedByApi = CreatedByApi,
        UploadCount = UploadCount,
        UpdatedAt = UpdatedAt,
    };
}
