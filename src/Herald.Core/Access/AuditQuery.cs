namespace Herald.Core.Access;

/// <summary>Which audit entries to list, newest first: all filters optional, at most <paramref name="Limit"/>.</summary>
public sealed record AuditQuery(DateTimeOffset? Since = null, string? Actor = null, string? Action = null, string? Outcome = null, int Limit = 100);
