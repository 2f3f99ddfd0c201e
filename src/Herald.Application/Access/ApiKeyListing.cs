using Herald.Core.Access;

namespace Herald.Application.Access;

/// <summary>An API key as its holder and administrators see it: name, first characters and times, never the key or its hash.</summary>
public sealed record ApiKeyListing(Guid Id, string User, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyListing Of(ApiKeyEntry key, string user) => new(key.Id, user, key.Name, key.Prefix, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
