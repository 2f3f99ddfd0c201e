namespace Herald.Core.Runs;

/// <summary>Insider One's asynchronous report on a submitted segment.</summary>
public sealed record SegmentReport(long Valid, long Invalid, long Total, DateTimeOffset ReceivedAt, bool Late);
