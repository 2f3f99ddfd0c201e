using Dapper;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Sandboxes;
using Herald.Storage.Secrets;
using Microsoft.Data.Sqlite;
using System.Text.Json;

namespace Herald.Storage.Sqlite;

/// <summary>Sandboxes in Herald's SQLite database (migration 15), and the secrets entered in them (migration 18).</summary>
public sealed class SqliteSandboxStore(SqliteDatabase database, SecretProtector protector) : ISandboxStore
{
    private const string Columns = """
        id AS Id, name AS Name, owner AS Owner, document AS Document, base AS Base, segment_prefix AS SegmentPrefix,
        allow_full_sends AS AllowFullSends, created_at AS CreatedAt, updated_at AS UpdatedAt, copied_secrets AS CopiedSecrets
        """;

    public async Task<IReadOnlyList<Sandbox>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WithOwnSecretsAsync(connection, await connection.QueryAsync<SandboxRow>($"SELECT {Columns} FROM sandboxes ORDER BY name"));
    }

    public async Task<Sandbox?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await WithOwnSecretsAsync(connection, await connection.QueryAsync<SandboxRow>($"SELECT {Columns} FROM sandboxes WHERE name = @name", new { name })))
            .SingleOrDefault();
    }

    // The names of the credentials with a secret entered in each sandbox (never the secrets).
    private static async Task<IReadOnlyList<Sandbox>> WithOwnSecretsAsync(SqliteConnection connection, IEnumerable<SandboxRow> rows)
    {
        var secrets = (await connection.QueryAsync<(string SandboxId, string CredentialName)>("SELECT DISTINCT sandbox_id, credential_name FROM sandbox_secrets"))
            .ToLookup(s => s.SandboxId, s => s.CredentialName, StringComparer.Ordinal);
        return [.. rows.Select(r => r.ToModel() with { OwnSecrets = [.. secrets[r.Id].Order(StringComparer.Ordinal)] })];
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

    public async Task SaveSecretsAsync(Guid sandboxId, string credentialName, SecretValues secrets, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var (name, value) in secrets)
        {
            // Replaced whole (the name compares without case): the new row is bound to the name as given now.
            await write.Connection.ExecuteAsync("DELETE FROM sandbox_secrets WHERE sandbox_id = @sandbox AND credential_name = @credentialName AND name = @name",
                new { sandbox = sandboxId.ToString(), credentialName, name }, transaction);
            await write.Connection.ExecuteAsync(
                "INSERT INTO sandbox_secrets (sandbox_id, credential_name, name, ciphertext, updated_at) VALUES (@sandbox, @credentialName, @name, @ciphertext, @at)",
                new
                {
                    sandbox = sandboxId.ToString(), credentialName, name, ciphertext = protector.Protect(value, BindingOf(sandboxId, credentialName, name)),
                    at = UnixTime.Ms(at),
                }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<string?> RevealSecretAsync(Guid sandboxId, string credentialName, string secretName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string CredentialName, byte[] Ciphertext)>(
            "SELECT credential_name, ciphertext FROM sandbox_secrets WHERE sandbox_id = @sandbox AND credential_name = @credentialName AND name = @secretName",
            new { sandbox = sandboxId.ToString(), credentialName, secretName })).ToList();
        return rows is [var found] ? protector.Unprotect(found.Ciphertext, BindingOf(sandboxId, found.CredentialName, secretName)) : null;
    }

    public async Task RemoveSecretsExceptAsync(Guid sandboxId, IReadOnlyCollection<string> credentialNames, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var kept = credentialNames.Select(n => n.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var stored = await write.Connection.QueryAsync<string>("SELECT DISTINCT credential_name FROM sandbox_secrets WHERE sandbox_id = @sandbox",
            new { sandbox = sandboxId.ToString() });
        foreach (var name in stored.Where(n => !kept.Contains(n.ToUpperInvariant())))
        {
            await write.Connection.ExecuteAsync("DELETE FROM sandbox_secrets WHERE sandbox_id = @sandbox AND credential_name = @name",
                new { sandbox = sandboxId.ToString(), name });
        }
    }

    /// <summary>
    /// What a sandbox's secret is bound to, as production's are to their credential: a ciphertext copied to another sandbox,
    /// another credential or production does not decrypt.
    /// </summary>
    internal static string BindingOf(Guid sandboxId, string credentialName, string secretName) => $"sandbox:{sandboxId}:credential:{credentialName}:{secretName}";

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
