using Dapper;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Credential hand-over links in Herald's SQLite database (migration 19), only the tokens' hashes kept; and the hand-overs
/// they made (migration 20), which outlive the links.
/// </summary>
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

    public async Task<bool> MarkUsedAsync(Guid id, Guid credentialId, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await write.Connection.BeginTransactionAsync(cancellationToken);
        var marked = await write.Connection.ExecuteAsync("UPDATE handover_links SET used_at = @at WHERE id = @id AND used_at IS NULL",
            new { id = id.ToString(), at = UnixTime.Ms(usedAt) }, transaction) == 1;
        if (marked)
        {
            await write.Connection.ExecuteAsync(
                """
                INSERT OR REPLACE INTO credential_handovers (credential_id, link_id, requested_by, requested_at, handed_over_at)
                SELECT @credentialId, id, requested_by, created_at, used_at FROM handover_links WHERE id = @id
                """,
                new { id = id.ToString(), credentialId = credentialId.ToString() }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return marked;
    }

    public async Task<IReadOnlyList<HandoverLink>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<HandoverRow>($"SELECT {Columns} FROM handover_links ORDER BY created_at DESC LIMIT @limit", new { limit })).Select(r => r.ToModel())];
    }

    public async Task<CredentialHandover?> FindHandoverOfAsync(Guid credentialId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string RequestedBy, long RequestedAt, long HandedOverAt)>(
            "SELECT requested_by, requested_at, handed_over_at FROM credential_handovers WHERE credential_id = @id", new { id = credentialId.ToString() });
        return row.RequestedBy is null ? null : new CredentialHandover(credentialId, row.RequestedBy, UnixTime.From(row.RequestedAt), UnixTime.From(row.HandedOverAt));
    }

    public async Task<int> RemoveClosedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await write.Connection.BeginTransactionAsync(cancellationToken);
        var removed = await write.Connection.ExecuteAsync(
            "DELETE FROM handover_links WHERE used_at <= @cutoff OR (used_at IS NULL AND expires_at <= @cutoff)", new { cutoff = UnixTime.Ms(cutoff) }, transaction);
        await write.Connection.ExecuteAsync("DELETE FROM credential_handovers WHERE credential_id NOT IN (SELECT id FROM credentials)", transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private sealed record HandoverRow(string Id, string CredentialName, string Plugin, string TokenHash, string RequestedBy, long CreatedAt, long ExpiresAt, long? UsedAt)
    {
        public HandoverLink ToModel() => new(Guid.Parse(Id), CredentialName, Plugin, TokenHash, RequestedBy, UnixTime.From(CreatedAt), UnixTime.From(ExpiresAt),
            UsedAt is { } used ? UnixTime.From(used) : null);
    }
}
