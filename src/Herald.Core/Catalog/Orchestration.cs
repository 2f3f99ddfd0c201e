namespace Herald.Core.Catalog;

/// <summary>
/// A saved query and the destination its audience goes to, run by hand or on a schedule. It sends either its own
/// <see cref="Query"/>, or a saved segment (<see cref="Segment"/>) through the identity table's
/// <see cref="IdentifierColumn"/>: then <see cref="Query"/> is empty and the run's query is built from the segment when
/// the run starts.
/// </summary>
public sealed record Orchestration(
    Guid Id,
    string Name,
    Guid DestinationId,
    string Query,
    bool AllowEmpty,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The saved segment's name it sends, or null when it sends its own <see cref="Query"/>.</summary>
    public string? Segment { get; init; }

    /// <summary>The identity table's column whose values are sent for the segment's members (such as <c>email</c>); null with <see cref="Segment"/>.</summary>
    public string? IdentifierColumn { get; init; }

    /// <summary>Whether it sends a saved segment rather than a query of its own.</summary>
    public bool SendsSegment => Segment is not null;
}
