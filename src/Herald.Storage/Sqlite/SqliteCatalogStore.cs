// Over 250 lines on purpose: the catalog's one store: its records, their encrypted secrets and the one transaction that
// writes a whole configuration (revision check, records, segments, schedules, promoted secrets, sandbox, audit), sharing one set of upserts.
using Dapper;
using Herald.Core.Access;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;
using Herald.Storage.Secrets;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

public sealed class SqliteCatalogStore(SqliteDatabase database, SecretProtector protector) : ICatalogStore
{
    private const string CredentialColumns =
        "id AS Id, name AS Name, plugin AS Plugin, settings AS Settings, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt";
    private const string DestinationColumns =
        "id AS Id, name AS Name, credential_id AS CredentialId, settings AS Settings, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "admin_only AS AdminOnly, pii_allowed AS PiiAllowed";
    private const string OrchestrationColumns =
        "id AS Id, name AS Name, destination_id AS DestinationId, query AS Query, allow_empty AS AllowEmpty, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "segment_name AS Segment, identifier_column AS IdentifierColumn";
    private const string SegmentColumns =
        "id AS Id, name AS Name, sql AS Sql, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public async Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CredentialRow>($"SELECT {CredentialColumns} FROM credentials ORDER BY name");
        return [.. rows.Select(r => r.ToModel())];
    }

    public async Task<Credential?> FindCredentialAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CredentialRow>(
            $"SELECT {CredentialColumns} FROM credentials WHERE name = @key OR id = @key", new { key = NormalizeKey(nameOrId) });
        return row?.ToModel();
    }

    public Task<Credential?> GetCredentialAsync(Guid id, CancellationToken cancellationToken) =>
        FindCredentialAsync(id.ToString(), cancellationToken);

    public async Task SaveCredentialAsync(Credential credential, SecretValues secrets, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var id = credential.Id.ToString();
        await UpsertAsync(connection, null, credential);
        foreach (var (name, value) in secrets)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO credential_secrets (credential_id, name, ciphertext) VALUES (@id, @name, @ciphertext)
                ON CONFLICT(credential_id, name) DO UPDATE SET ciphertext = excluded.ciphertext
                """,
                new { id, name, ciphertext = protector.Protect(value, BindingOf(id, name)) });
        }
    }

    public async Task<string> RevealSecretAsync(Guid credentialId, string secretName, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var id = credentialId.ToString();
        var ciphertext = await connection.QuerySingleOrDefaultAsync<byte[]>(
            "SELECT ciphertext FROM credential_secrets WHERE credential_id = @id AND name = @secretName", new { id, secretName })
            ?? throw new KeyNotFoundException($"Credential {credentialId} has no secret '{secretName}' (or no longer exists).");
        return protector.Unprotect(ciphertext, BindingOf(id, secretName));
    }

    public async Task DeleteCredentialAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM credentials WHERE id = @id", new { id = id.ToString() });
    }

    public async Task<IReadOnlyList<Destination>> ListDestinationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DestinationRow>($"SELECT {DestinationColumns} FROM destinations ORDER BY name");
        return [.. rows.Select(r => r.ToModel())];
    }

    public async Task<Destination?> FindDestinationAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DestinationRow>(
            $"SELECT {DestinationColumns} FROM destinations WHERE name = @key OR id = @key", new { key = NormalizeKey(nameOrId) });
        return row?.ToModel();
    }

    public Task<Destination?> GetDestinationAsync(Guid id, CancellationToken cancellationToken) =>
        FindDestinationAsync(id.ToString(), cancellationToken);

    public async Task SaveDestinationAsync(Destination destination, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await UpsertAsync(write.Connection, null, destination);
    }

    public async Task DeleteDestinationAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await connection.ExecuteAsync("DELETE FROM destinations WHERE id = @id", new { id = id.ToString() });
    }

    public async Task<IReadOnlyList<Orchestration>> ListOrchestrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrchestrationRow>($"SELECT {OrchestrationColumns} FROM orchestrations ORDER BY name");
        return [.. rows.Select(r => r.ToModel())];
    }

    public async Task<Orchestration?> FindOrchestrationAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrchestrationRow>(
            $"SELECT {OrchestrationColumns} FROM orchestrations WHERE name = @key OR id = @key", new { key = NormalizeKey(nameOrId) });
        return row?.ToModel();
    }

    public async Task SaveOrchestrationAsync(Orchestration orchestration, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await UpsertAsync(write.Connection, null, orchestration);
    }

    public async Task DeleteOrchestrationAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await connection.ExecuteAsync("DELETE FROM orchestrations WHERE id = @id", new { id = id.ToString() });
    }

    public async Task<IReadOnlyList<Schedule>> ListOrchestrationSchedulesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SqliteScheduleStore.ListAsync(connection, ScheduledWork.Orchestration);
    }

    public async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT revision FROM catalog_revision WHERE id = 1");
    }

    public async Task<IReadOnlyList<SavedSegment>> ListSegmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SegmentRow>($"SELECT {SegmentColumns} FROM saved_segments ORDER BY name");
        return [.. rows.Select(r => r.ToModel())];
    }

    public async Task<SavedSegment?> FindSegmentAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SegmentRow>(
            $"SELECT {SegmentColumns} FROM saved_segments WHERE name = @key OR id = @key", new { key = NormalizeKey(nameOrId) });
        return row?.ToModel();
    }

    public async Task SaveSegmentAsync(SavedSegment segment, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await UpsertAsync(write.Connection, null, segment);
    }

    public async Task DeleteSegmentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync("DELETE FROM saved_segments WHERE id = @id", new { id = id.ToString() });
    }

    public async Task ApplyAsync(CatalogWrite write, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (write.ExpectedRevision is { } expected
            && await connection.ExecuteScalarAsync<long>("SELECT revision FROM catalog_revision WHERE id = 1", transaction: transaction) is var actual
            && actual != expected)
        {
            throw new CatalogChangedException(expected, actual);
        }
        foreach (var credential in write.SavedCredentials)
        {
            await UpsertAsync(connection, transaction, credential);
        }
        foreach (var destination in write.SavedDestinations)
        {
            await UpsertAsync(connection, transaction, destination);
        }
        foreach (var segment in write.SavedSegments)
        {
            await UpsertAsync(connection, transaction, segment);
        }
        foreach (var orchestration in write.SavedOrchestrations)
        {
            await UpsertAsync(connection, transaction, orchestration);
        }
        foreach (var schedule in write.SavedSchedules)
        {
            await SqliteScheduleStore.UpsertAsync(connection, transaction, schedule);
        }
        foreach (var work in write.RemovedSchedules)
        {
            await SqliteScheduleStore.DeleteAsync(connection, transaction, work);
        }
        // Removed in the order nothing removed is still referred to: orchestrations, then segments, destinations, credentials.
        foreach (var orchestration in write.RemovedOrchestrations)
        {
            await connection.ExecuteAsync(
                """
                DELETE FROM orchestrations WHERE id = @Id;
                DELETE FROM schedules WHERE work_kind = @Kind AND work_name = @Name;
                DELETE FROM schedule_slots WHERE work_kind = @Kind AND work_name = @Name;
                """,
                new { Id = orchestration.Id.ToString(), ScheduledWork.OfOrchestration(orchestration.Name).Kind, orchestration.Name }, transaction);
        }
        foreach (var segment in write.RemovedSegments)
        {
            await connection.ExecuteAsync("DELETE FROM saved_segments WHERE id = @id", new { id = segment.Id.ToString() }, transaction);
        }
        foreach (var destination in write.RemovedDestinations)
        {
            await connection.ExecuteAsync("DELETE FROM destinations WHERE id = @id", new { id = destination.Id.ToString() }, transaction);
        }
        foreach (var credential in write.RemovedCredentials)
        {
            await connection.ExecuteAsync("DELETE FROM credentials WHERE id = @id", new { id = credential.Id.ToString() }, transaction);
        }
        if (write.PromotedSecrets is { } promoted)
        {
            await MoveSandboxSecretsAsync(connection, transaction, promoted);
        }
        if (write.SavedSandbox is { } sandbox)
        {
            await SqliteSandboxStore.UpsertAsync(connection, transaction, sandbox);
        }
        if (write.RemovedSandbox is { } removedSandbox)
        {
            await connection.ExecuteAsync("DELETE FROM sandboxes WHERE id = @id", new { id = removedSandbox.ToString() }, transaction);
        }
        await SqliteAuditStore.InsertAsync(connection, transaction, audit);
        await transaction.CommitAsync(cancellationToken);
    }

    // Decrypted under the sandbox's binding and encrypted again under production's: a ciphertext is never moved as it is,
    // so each binding keeps meaning exactly one place.
    private async Task MoveSandboxSecretsAsync(SqliteConnection connection, SqliteTransaction transaction, PromotedSecrets promoted)
    {
        foreach (var (credentialName, credentialId) in promoted.CredentialIds)
        {
            var rows = await connection.QueryAsync<(string CredentialName, string Name, byte[] Ciphertext)>(
                "SELECT credential_name, name, ciphertext FROM sandbox_secrets WHERE sandbox_id = @sandbox AND credential_name = @credentialName",
                new { sandbox = promoted.SandboxId.ToString(), credentialName }, transaction);
            foreach (var (storedName, name, ciphertext) in rows)
            {
                var id = credentialId.ToString();
                var secret = protector.Unprotect(ciphertext, SqliteSandboxStore.BindingOf(promoted.SandboxId, storedName, name));
                await connection.ExecuteAsync(
                    """
                    INSERT INTO credential_secrets (credential_id, name, ciphertext) VALUES (@id, @name, @ciphertext)
                    ON CONFLICT(credential_id, name) DO UPDATE SET ciphertext = excluded.ciphertext
                    """,
                    new { id, name, ciphertext = protector.Protect(secret, BindingOf(id, name)) }, transaction);
            }
        }
    }

    private static Task UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Credential credential) =>
        connection.ExecuteAsync(
            """
            INSERT INTO credentials (id, name, plugin, settings, description, created_at, updated_at)
            VALUES (@Id, @Name, @Plugin, @Settings, @Description, @CreatedAt, @UpdatedAt)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, plugin = excluded.plugin, settings = excluded.settings,
                description = excluded.description, updated_at = excluded.updated_at
            """,
            new
            {
                Id = credential.Id.ToString(), credential.Name, credential.Plugin, Settings = credential.Settings.Json, credential.Description,
                CreatedAt = UnixTime.Ms(credential.CreatedAt), UpdatedAt = UnixTime.Ms(credential.UpdatedAt),
            }, transaction);

    private static Task UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Destination destination) =>
        connection.ExecuteAsync(
            """
            INSERT INTO destinations (id, name, credential_id, settings, description, created_at, updated_at, admin_only, pii_allowed)
            VALUES (@Id, @Name, @CredentialId, @Settings, @Description, @CreatedAt, @UpdatedAt, @AdminOnly, @PiiAllowed)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, credential_id = excluded.credential_id,
                settings = excluded.settings, description = excluded.description, updated_at = excluded.updated_at,
                admin_only = excluded.admin_only, pii_allowed = excluded.pii_allowed
            """,
            new
            {
                Id = destination.Id.ToString(), destination.Name, CredentialId = destination.CredentialId.ToString(),
                Settings = destination.Settings.Json, destination.Description, destination.AdminOnly, destination.PiiAllowed,
                CreatedAt = UnixTime.Ms(destination.CreatedAt), UpdatedAt = UnixTime.Ms(destination.UpdatedAt),
            }, transaction);

    private static Task UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Orchestration orchestration) =>
        connection.ExecuteAsync(
            """
            INSERT INTO orchestrations (id, name, destination_id, query, allow_empty, description, created_at, updated_at, segment_name, identifier_column)
            VALUES (@Id, @Name, @DestinationId, @Query, @AllowEmpty, @Description, @CreatedAt, @UpdatedAt, @Segment, @IdentifierColumn)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, destination_id = excluded.destination_id,
                query = excluded.query, allow_empty = excluded.allow_empty, description = excluded.description,
                updated_at = excluded.updated_at, segment_name = excluded.segment_name, identifier_column = excluded.identifier_column
            """,
            new
            {
                Id = orchestration.Id.ToString(), orchestration.Name, DestinationId = orchestration.DestinationId.ToString(),
                orchestration.Query, AllowEmpty = orchestration.AllowEmpty ? 1 : 0, orchestration.Description,
                CreatedAt = UnixTime.Ms(orchestration.CreatedAt), UpdatedAt = UnixTime.Ms(orchestration.UpdatedAt),
                orchestration.Segment, orchestration.IdentifierColumn,
            }, transaction);

    private static Task UpsertAsync(SqliteConnection connection, SqliteTransaction? transaction, SavedSegment segment) =>
        connection.ExecuteAsync(
            """
            INSERT INTO saved_segments (id, name, sql, description, created_at, updated_at)
            VALUES (@Id, @Name, @Sql, @Description, @CreatedAt, @UpdatedAt)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, sql = excluded.sql, description = excluded.description, updated_at = excluded.updated_at
            """,
            new
            {
                Id = segment.Id.ToString(), segment.Name, segment.Sql, segment.Description,
                CreatedAt = UnixTime.Ms(segment.CreatedAt), UpdatedAt = UnixTime.Ms(segment.UpdatedAt),
            }, transaction);

    // Ids are stored in Guid's "D" form; accept any form a user pastes.
    private static string NormalizeKey(string nameOrId) =>
        Guid.TryParse(nameOrId, out var id) ? id.ToString() : nameOrId;

    // A secret is bound to its credential and name: a ciphertext copied to another row does not decrypt. Insider One's
    // token was bound as "credential:{id}:api-token" before secrets had names, and keeps that binding (migration 7).
    private static string BindingOf(string credentialId, string secretName) => $"credential:{credentialId}:{secretName}";

    private sealed record CredentialRow(string Id, string Name, string Plugin, string Settings, string? Description, long CreatedAt, long UpdatedAt)
    {
        public Credential ToModel() => new(Guid.Parse(Id), Name, Plugin, SettingsDocument.Parse(Settings), Description, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt));
    }

    private sealed record DestinationRow(string Id, string Name, string CredentialId, string Settings, string? Description, long CreatedAt, long UpdatedAt,
        long AdminOnly, long PiiAllowed)
    {
        public Destination ToModel() => new(Guid.Parse(Id), Name, Guid.Parse(CredentialId), SettingsDocument.Parse(Settings), Description,
            UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt), AdminOnly != 0, PiiAllowed != 0);
    }

    private sealed record OrchestrationRow(string Id, string Name, string DestinationId, string Query, long AllowEmpty, string? Description, long CreatedAt, long UpdatedAt,
        string? Segment, string? IdentifierColumn)
    {
        public Orchestration ToModel() => new(Guid.Parse(Id), Name, Guid.Parse(DestinationId), Query, AllowEmpty != 0, Description, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt))
        {
            Segment = Segment,
            IdentifierColumn = IdentifierColumn,
        };
    }

    private sealed record SegmentRow(string Id, string Name, string Sql, string? Description, long CreatedAt, long UpdatedAt)
    {
        public SavedSegment ToModel() => new(Guid.Parse(Id), Name, Sql, Description, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt));
    }
}
