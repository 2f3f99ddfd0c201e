namespace Herald.Server.Api;

/// <summary>A saved segment to add: SQL over the customer 360 returning one column, amperity_id.</summary>
public sealed record SegmentInput(string Name, string Sql, string? Description = null);

/// <summary>Changes to a saved segment; what is null stays as it is. Orchestrations sending it send the new SQL from their next run.</summary>
public sealed record SegmentUpdate(string? Sql, string? Description);

/// <summary>A saved segment and the orchestrations sending it (those the caller may see).</summary>
public sealed record SegmentView(Guid Id, string Name, string Sql, string? Description, IReadOnlyList<string> UsedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A segment to preview: a saved one (by the path) or <c>sql</c> not yet saved; <c>destination</c> (optional) judges the
/// identifier values by its attribute's rule and chooses the columns counted; <c>maxRows</c> members are shown (at most 100).
/// </summary>
public sealed record SegmentPreviewRequest(string? Sql = null, string? Destination = null, int MaxRows = 10);

/// <summary>One identifier column's counts: <c>usableValues</c> distinct values a run would send, of <c>membersFound</c> members.</summary>
public sealed record IdentifierCountView(string Column, string Type, bool Pii, long MembersFound, long UsableValues, long EmptyValues, long SetAside);

/// <summary>
/// What a segment holds: <c>size</c> distinct amperity_id values, per identifier column how many members have a usable
/// value, and its first members with those values (PII values hidden from a caller whose policy restricts personal data).
/// </summary>
public sealed record SegmentPreviewView(
    long Size,
    long RowsReturned,
    IReadOnlyList<IdentifierCountView> Identifiers,
    string? IdentifiersShortened,
    bool WithDestinationRules,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    string? Redacted,
    string Summary);
