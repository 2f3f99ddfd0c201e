namespace Herald.Application.Segments;

/// <summary>Changes to a saved segment: a null field stays as it is (an empty description clears it). Its name stays: orchestrations refer to it.</summary>
public sealed record SegmentChanges(string? Sql, string? Description);
