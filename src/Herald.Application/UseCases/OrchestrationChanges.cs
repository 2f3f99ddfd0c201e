namespace Herald.Application.UseCases;

/// <summary>
/// Changes to an orchestration: a null field stays as it is (an empty description clears it). A query makes it send
/// that query (no segment); a segment makes it send that segment (no query of its own).
/// </summary>
public sealed record OrchestrationChanges(
    string? Destination, string? Query, bool? AllowEmpty, string? Description, string? Segment = null, string? IdentifierColumn = null);
