using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>A saved segment: SQL returning amperity_id, which orchestrations name.</summary>
/// <param name="Sql">The SELECT, trimmed.</param>
public sealed record SegmentEntry(string Name, string Sql, string? Description) : ICatalogEntry
{
    public const string KindName = "segment";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() => EntryFields.Of(("sql", Sql), ("description", Description));

    public static SegmentEntry Of(SavedSegment segment) => new(segment.Name, segment.Sql, segment.Description);
}
