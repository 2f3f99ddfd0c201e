namespace Herald.Application.Segments;

/// <summary>A saved segment to add: a name, SQL returning amperity_id, and what it is for.</summary>
public sealed record SegmentDraft(string? Name, string? Sql, string? Description);
