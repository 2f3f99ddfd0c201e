namespace Herald.Core.Catalog;

/// <summary>Where an audience goes: one first-party segment of one Insider One account.</summary>
public sealed record Destination(
    Guid Id,
    string Name,
    Guid CredentialId,
    string SegmentName,
    string AttributeName,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
