using Herald.Core.Access;

namespace Herald.Application.Access;

/// <summary>A user as an administrator sees it: never its password hash; its keys without their hashes.</summary>
public sealed record UserListing(Guid Id, string Name, IReadOnlyList<string> Policies, bool RestrictPii, bool AllowSandboxAdministration,
    bool Disabled, bool HasPassword, DateTimeOffset CreatedAt, IReadOnlyList<ApiKeyListing> Keys)
{
    public static UserListing Of(HeraldUser user, IEnumerable<ApiKeyEntry> keys) => new(user.Id, user.Name, user.Policies, user.RestrictPii,
        user.AllowSandboxAdministration, user.Disabled, user.PasswordHash is not null, user.CreatedAt,
        [.. keys.Where(k => k.UserId == user.Id).Select(k => ApiKeyListing.Of(k, user.Name))]);
}
