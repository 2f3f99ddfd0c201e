using Dapper;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Storage.Sqlite;

/// <summary>Credential hand-over links in Herald's SQLite database (migration 19); only the tokens' hashes are kept.</summary>
public sealed class SqliteHandoverStore(SqliteDatabase database) : IHandoverStore
{
    private const string Columns = """
        id AS Id, credential_name AS CredentialName, plugin AS Plugin, token_hash AS TokenHash, requested_by AS RequestedBy,
        created_at AS CreatedAt, expires_at AS ExpiresAt, used_at AS UsedAt
        """;

    public async Task SaveAsync(HandoverLink link, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(
            """
            INSERT INTO handover_links (id, credential_name, plugin, token_hash, requested_by, created_at, expires_at, used_at)
            VALUES (@Id, @CredentialName, @Plugin, @TokenHash, @RequestedBy, @CreatedAt, @ExpiresAt, @UsedAt)
            """,
            new
            {
                Id = link.Id.ToString(), link.CredentialName, link.Plugin, link.TokenHash, link.RequestedBy, CreatedAt = UnixTime.Ms(link.CreatedAt),
                ExpiresAt = UnixTime.Ms(link.ExpiresAt), UsedAt = link.UsedAt is { } used ? UnixTime.Ms(used) : (long?)null,
            });
    }

    public async Task<HandoverLink?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<HandoverRow>($"SELECT {Columns} FROM handover_links WHERE token_hash = @tokenHash", new { tokenHash }))?.ToModel();
    }

    public async Task<bool> MarkUsedAsync(Guid id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        return await write.Connection.ExecuteAsync("UPDATE handover_links SET used_at = @at WHERE id = @id AND used_at IS NULL",
            new { id = id.ToString(), at = UnixTime.Ms(usedAt) }) == 1;
    }

    public async Task<IReadOnlyList<HandoverLink>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<HandoverRow>($"SELECT {Columns} FROM handover_links ORDER BY created_at DESC LIMIT @limit", new { limit })).Select(r => r.ToModel())];
    }

    private sealed record HandoverRow(string Id, string CredentialName, string Plugin, string TokenHash, string RequestedBy, long CreatedAt, long ExpiresAt, long? UsedAt)
    {
        public HandoverLink ToModel() => new(Guid.Parse(Id), CredentialName, Plugin, TokenHash, RequestedBy, UnixTime.From(CreatedAt), UnixTime.From(ExpiresAt),
            UsedAt is { } used ? UnixTime.From(used) : null);
    }
}
