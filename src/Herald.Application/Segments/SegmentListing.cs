using Herald.Core.Catalog;

namespace Herald.Application.Segments;

/// <summary>A saved segment and the orchestrations that send it (those the caller may see), by name.</summary>
public sealed record SegmentListing(SavedSegment Segment, IReadOnlyList<string> UsedBy);
