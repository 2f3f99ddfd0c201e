using Herald.Core.Access;

namespace Herald.Core.Ports;

/// <summary>Users and their API keys (hashed), kept in Herald's metadata store.</summary>
public interface IUserStore
{
    /// <summary>Adds or replaces the user with that id.</summary>
    Task SaveUserAsync(HeraldUser user, CancellationToken cancellationToken);

    /// <summary>The user with that name (ignoring case) or id, or null.</summary>
    Task<HeraldUser?> FindUserAsync(string nameOrId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HeraldUser>> ListUsersAsync(CancellationToken cancellationToken);

    Task AddApiKeyAsync(ApiKeyEntry key, CancellationToken cancellationToken);

    /// <summary>The key with that hash, revoked or not, or null.</summary>
    Task<ApiKeyEntry?> FindApiKeyByHashAsync(string hash, CancellationToken cancellationToken);

    Task<ApiKeyEntry?> GetApiKeyAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's keys, or every user's when <paramref name="userId"/> is null, newest first.</summary>
    Task<IReadOnlyList<ApiKeyEntry>> ListApiKeysAsync(Guid? userId, CancellationToken cancellationToken);

    Task RevokeApiKeyAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken);

    Task NoteApiKeyUsedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken);
}
