namespace Herald.Application.UseCases;

/// <summary>Changes to an orchestration: a null field stays as it is (an empty description clears it).</summary>
public sealed record OrchestrationChanges(string? Destination, string? Query, bool? AllowEmpty, string? Description);
