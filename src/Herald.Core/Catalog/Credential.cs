namespace Herald.Core.Catalog;

/// <summary>
/// Access to one Insider One account. The API token is not part of this record on purpose: it lives
/// only encrypted in the store and is decrypted at the moment a request is sent.
/// </summary>
public sealed record Credential(
    Guid Id,
    string Name,
    string Plugin,
    string PartnerName,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
