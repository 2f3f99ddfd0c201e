namespace Herald.Application.Segments;

/// <summary>What a segment holds: its size, and per identifier column how many of its members have a usable value.</summary>
/// <param name="Size">Distinct non-empty amperity_id values the SQL returns: the segment's members.</param>
/// <param name="RowsReturned">Rows the SQL returned (duplicates and empty keys included).</param>
/// <param name="Identifiers">The candidate identifier columns counted, in the identity table's order.</param>
/// <param name="IdentifiersShortened">Why fewer columns were counted than could be (Herald:Segments:MaxIdentifierColumns), or null.</param>
/// <param name="WithDestinationRules">Whether a destination's value rule judged the values; otherwise any non-empty value a file can carry is usable.</param>
/// <param name="Columns">The sample's columns: amperity_id, then the identifier columns.</param>
/// <param name="Rows">The first members with their identifier values; PII values hidden from a caller whose policy restricts personal data.</param>
/// <param name="Redacted">Why some values are hidden, or null when every value is shown.</param>
/// <param name="Summary">The counts in one sentence for people.</param>
public sealed record SegmentPreview(
    long Size,
    long RowsReturned,
    IReadOnlyList<IdentifierCount> Identifiers,
    string? IdentifiersShortened,
    bool WithDestinationRules,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    string? Redacted,
    string Summary);
