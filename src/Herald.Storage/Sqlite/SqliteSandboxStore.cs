using Dapper;
using Herald.Core.Ports;
using Herald.Core.Sandboxes;
using Microsoft.Data.Sqlite;
using System.Text.Json;

namespace Herald.Storage.Sqlite;

/// <summary>Sandboxes in Herald's SQLite database (migration 15).</summary>
public sealed class SqliteSandboxStore(SqliteDatabase database) : ISandboxStore
{
    private const string Columns = """
        id AS Id, name AS Name, owner AS Owner, document AS Document, base AS Base, segment_prefix AS SegmentPrefix,
        allow_full_sends AS AllowFullSends, created_at AS CreatedAt, updated_at AS UpdatedAt, copied_secrets AS CopiedSecrets
        """;

    public async Task<IReadOnlyList<Sandbox>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<SandboxRow>($"SELECT {Columns} FROM sandboxes ORDER BY name")).Select(r => r.ToModel())];
    }

    public async Task<Sandbox?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SandboxRow>($"SELECT {Columns} FROM sandboxes WHERE name = @name", new { name }))?.ToModel();
    }

    public async Task SaveAsync(Sandbox sandbox, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        try
        {
            await UpsertAsync(write.Connection, null, sandbox);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"A sandbox named '{sandbox.Name}' exists already.", e);
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("DELETE FROM sandboxes WHERE id = @id", new { id = id.ToString() });
    }

    /// <summary>Saves within another store's write (a promotion), so the sandbox and production change together.</summary>
    internal static Task<int> UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Sandbox sandbox) =>
        connection.ExecuteAsync(
            """
            INSERT INTO sandboxes (id, name, owner, document, base, segment_prefix, allow_full_sends, created_at, updated_at, copied_secrets)
            VALUES (@Id, @Name, @Owner, @Document, @Base, @SegmentPrefix, @AllowFullSends, @CreatedAt, @UpdatedAt, @CopiedSecrets)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, document = excluded.document, base = excluded.base,
                segment_prefix = excluded.segment_prefix, allow_full_sends = excluded.allow_full_sends, updated_at = excluded.updated_at,
                copied_secrets = excluded.copied_secrets
            """,
            new
            {
                Id = sandbox.Id.ToString(), sandbox.Name, sandbox.Owner, sandbox.Document, sandbox.Base, sandbox.SegmentPrefix,
                AllowFullSends = sandbox.AllowFullSends ? 1 : 0, CreatedAt = UnixTime.Ms(sandbox.CreatedAt), UpdatedAt = UnixTime.Ms(sandbox.UpdatedAt),
                CopiedSecrets = JsonSerializer.Serialize(sandbox.CopiedSecrets ?? []),
            }, transaction);

    private sealed record SandboxRow(string Id, string Name, string Owner, string Document, string Base, string SegmentPrefix, long AllowFullSends,
        long CreatedAt, long UpdatedAt, string CopiedSecrets)
    {
        public Sandbox ToModel() => new(Guid.Parse(Id), Name, Owner, Document, Base, SegmentPrefix, AllowFullSends != 0, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt),
            JsonSerializer.Deserialize<List<string>>(CopiedSecrets) ?? []);
    }
}
