namespace Herald.Simulator;

/// <summary>A snapshot of one segment held by the simulator.</summary>
public sealed class SimulatedSegment
{
    public required string PartnerName { get; init; }
    public required string Name { get; init; }
    public required string AttributeName { get; init; }

    /// <summary>The valid values of the last processed file (or the seeded values).</summary>
    public required IReadOnlyList<string> Values { get; init; }

    public required int Valid { get; init; }
    public required int Invalid { get; init; }
    public required int Total { get; init; }

    /// <summary>One of <see cref="SegmentStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>Why the last processing failed, when <see cref="State"/> is <see cref="SegmentStates.DownloadFailed"/>.</summary>
    public string? FailureReason { get; init; }

    /// <summary>False for a segment made in InOne's panel: uploads to its name are refused.</summary>
    public required bool CreatedByApi { get; init; }

    /// <summary>Uploads accepted to this name.</summary>
    public required int UploadCount { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
