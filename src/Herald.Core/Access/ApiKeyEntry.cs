namespace Herald.Core.Access;

/// <summary>An API key as Herald keeps it: never the key itself, only its SHA-256 hash.</summary>
/// <param name="Id">Herald's id, which <c>herald apikey revoke</c> takes.</param>
/// <param name="UserId">The user the key acts as.</param>
/// <param name="Name">What the key is for ("laptop", "ci"), unique per user.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key's UTF-8 text.</param>
/// <param name="Prefix">The key's first characters, so that its holder can tell keys apart; never enough to use it.</param>
/// <param name="CreatedAt">When the key was made.</param>
/// <param name="LastUsedAt">When the key last authenticated a request (to the minute), or null.</param>
/// <param name="RevokedAt">When the key was revoked, or null while it works.</param>
public sealed record ApiKeyEntry(
    Guid Id,
    Guid UserId,
    string Name,
    string Hash,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);
