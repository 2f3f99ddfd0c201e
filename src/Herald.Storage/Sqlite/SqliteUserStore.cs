using System.Text.Json;
using Dapper;
using Herald.Core.Access;
using Herald.Core.Ports;

namespace Herald.Storage.Sqlite;

/// <summary>Users and their hashed API keys in Herald's SQLite database (migration 11).</summary>
public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string UserColumns =
        "id AS Id, name AS Name, policies AS Policies, restrict_pii AS RestrictPii, allow_sandbox_administration AS AllowSandboxAdministration, " +
        "disabled AS Disabled, password_hash AS PasswordHash, created_at AS CreatedAt";
    private const string KeyColumns =
        "id AS Id, user_id AS UserId, name AS Name, hash AS Hash, prefix AS Prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public Task SaveUserAsync(HeraldUser user, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            """
            INSERT INTO users (id, name, policies, restrict_pii, allow_sandbox_administration, disabled, password_hash, created_at)
            VALUES (@Id, @Name, @Policies, @RestrictPii, @AllowSandboxAdministration, @Disabled, @PasswordHash, @CreatedAt)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, policies = excluded.policies, restrict_pii = excluded.restrict_pii,
                allow_sandbox_administration = excluded.allow_sandbox_administration, disabled = excluded.disabled, password_hash = excluded.password_hash
            """,
            new
            {
                Id = user.Id.ToString(), user.Name, Policies = JsonSerializer.Serialize(user.Policies), user.RestrictPii, user.AllowSandboxAdministration,
                user.Disabled, user.PasswordHash, CreatedAt = UnixTime.Ms(user.CreatedAt),
            }), cancellationToken);

    public async Task<HeraldUser?> FindUserAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = Guid.TryParse(nameOrId, out var id) ? id.ToString() : nameOrId;
        return (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE name = @key OR id = @key", new { key }))?.ToModel();
    }

    public async Task<IReadOnlyList<HeraldUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY name")).Select(r => r.ToModel())];
    }

    public Task AddApiKeyAsync(ApiKeyEntry key, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "INSERT INTO api_keys (id, user_id, name, hash, prefix, created_at) VALUES (@Id, @UserId, @Name, @Hash, @Prefix, @CreatedAt)",
            new { Id = key.Id.ToString(), UserId = key.UserId.ToString(), key.Name, key.Hash, key.Prefix, CreatedAt = UnixTime.Ms(key.CreatedAt) }), cancellationToken);

    public async Task<ApiKeyEntry?> FindApiKeyByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<KeyRow>($"SELECT {KeyColumns} FROM api_keys WHERE hash = @hash", new { hash }))?.ToModel();
    }

    public async Task<ApiKeyEntry?> GetApiKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<KeyRow>($"SELECT {KeyColumns} FROM api_keys WHERE id = @id", new { id = id.ToString() }))?.ToModel();
    }

    public async Task<IReadOnlyList<ApiKeyEntry>> ListApiKeysAsync(Guid? userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(
            $"SELECT {KeyColumns} FROM api_keys WHERE @userId IS NULL OR user_id = @userId ORDER BY created_at DESC", new { userId = userId?.ToString() });
        return [.. rows.Select(r => r.ToModel())];
    }

    public Task RevokeApiKeyAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id = id.ToString(), at = UnixTime.Ms(at) }), cancellationToken);

    public Task NoteApiKeyUsedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, 0), @at) WHERE id = @id", new { id = id.ToString(), at = UnixTime.Ms(at) }), cancellationToken);

    private sealed record UserRow(string Id, string Name, string Policies, long RestrictPii, long AllowSandboxAdministration, long Disabled, string? PasswordHash, long CreatedAt)
    {
        public HeraldUser ToModel() => new(Guid.Parse(Id), Name, JsonSerializer.Deserialize<List<string>>(Policies) ?? [], RestrictPii != 0,
            AllowSandboxAdministration != 0, Disabled != 0, PasswordHash, UnixTime.From(CreatedAt));
    }

    private sealed record KeyRow(string Id, string UserId, string Name, string Hash, string Prefix, long CreatedAt, long? LastUsedAt, long? RevokedAt)
    {
        public ApiKeyEntry ToModel() => new(Guid.Parse(Id), Guid.Parse(UserId), Name, Hash, Prefix, UnixTime.From(CreatedAt),
            LastUsedAt is { } used ? UnixTime.From(used) : null, RevokedAt is { } revoked ? UnixTime.From(revoked) : null);
    }
}
