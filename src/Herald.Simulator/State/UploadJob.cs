namespace Herald.Simulator.State;

/// <summary>An accepted upload waiting to be processed.</summary>
/// <param name="UploadId">Unique in the simulator's life; a result is stored only while its upload is the latest for
/// the segment, so a slow earlier upload (or one from before a reset) never overwrites a later one.</param>
internal sealed record UploadJob(
    long UploadId,
    SegmentKey Segment,
    string FileUrl,
    string CallbackUrl,
    string AttributeName);
