namespace Herald.Core.Catalog;

/// <summary>A saved query and the destination its audience goes to; run by hand for now.</summary>
public sealed record Orchestration(
    Guid Id,
    string Name,
    Guid DestinationId,
    string Query,
    bool AllowEmpty,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
