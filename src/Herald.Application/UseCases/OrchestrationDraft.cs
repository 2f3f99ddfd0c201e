namespace Herald.Application.UseCases;

/// <summary>An orchestration to add: a query and the destination (name or id) its audience goes to.</summary>
public sealed record OrchestrationDraft(string? Name, string? Destination, string? Query, bool AllowEmpty, string? Description);
