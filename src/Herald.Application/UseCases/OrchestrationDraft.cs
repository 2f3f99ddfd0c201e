namespace Herald.Application.UseCases;

/// <summary>
/// An orchestration to add: the destination (name or id) its audience goes to, and either a query or a saved segment
/// with the identity table's column to send for its members (such as email).
/// </summary>
public sealed record OrchestrationDraft(
    string? Name, string? Destination, string? Query, bool AllowEmpty, string? Description, string? Segment = null, string? IdentifierColumn = null);
