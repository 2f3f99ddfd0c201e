namespace Herald.Application.UseCases;

/// <summary>
/// A destination's report on one submitted segment, as read from its callback: the segment's name, the counts of valid,
/// invalid and entered values (never negative), and the body exactly as received (recorded with secrets masked).
/// For Insider One: insider-one.md section 3.
/// </summary>
public sealed record ReceivedReport(string SegmentName, long Valid, long Invalid, long Total, string Body);
