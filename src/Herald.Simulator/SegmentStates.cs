namespace Herald.Simulator;

/// <summary>The values of <see cref="SimulatedSegment.State"/>.</summary>
public static class SegmentStates
{
    /// <summary>An upload was accepted; its file is not processed yet. The name is in use from this moment.</summary>
    public const string Processing = "processing";

    /// <summary>The file was downloaded and counted, and the values stored.</summary>
    public const string Processed = "processed";

    /// <summary>The file could not be downloaded (not 2xx, unreachable, too large); no callback was sent.</summary>
    public const string DownloadFailed = "download_failed";
}
