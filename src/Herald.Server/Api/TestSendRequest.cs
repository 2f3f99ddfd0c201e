namespace Herald.Server.Api;

/// <summary>A test send of an orchestration: <c>sampleSize</c> values (after the value rules) to <c>segmentName</c>, never the destination's own segment.</summary>
public sealed record TestSendRequest(string? SegmentName, int SampleSize = 10);
