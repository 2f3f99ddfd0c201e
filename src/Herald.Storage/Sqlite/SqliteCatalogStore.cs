using Dapper;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Herald.Storage.Secrets;

namespace Herald.Storage.Sqlite;

public sealed class SqliteCatalogStore(SqliteDatabase database, SecretProtector protector) : ICatalogStore
{
    private const string CredentialColumns =
        "id AS Id, name AS Name, plugin AS Plugin, partner_name AS PartnerName, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt";
    private const string DestinationColumns =
        "id AS Id, name AS Name, credential_id AS CredentialId, segment_name AS SegmentName, attribute_name AS AttributeName, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "update_mode AS UpdateMode, allow_split AS AllowSplit, shrink_guard_share AS ShrinkGuardShare";
    private const string OrchestrationColumns =
        "id AS Id, name AS Name, destination_id AS DestinationId, query AS Query, allow_empty AS AllowEmpty, description AS Description, created_at AS CreatedAt, updated_at AS UpdatedAt";

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

    public async Task SaveCredentialAsync(Credential credential, string? apiToken, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var id = credential.Id.ToString();
        var ciphertext = apiToken is null ? null : protector.Protect(apiToken, BindingOf(id));
        var updated = await connection.ExecuteAsync(
            """
            UPDATE credentials SET name = @Name, plugin = @Plugin, partner_name = @PartnerName, description = @Description,
                token_ciphertext = COALESCE(@Ciphertext, token_ciphertext), updated_at = @UpdatedAt
            WHERE id = @Id
            """,
            new { Id = id, credential.Name, credential.Plugin, credential.PartnerName, credential.Description, Ciphertext = ciphertext, UpdatedAt = UnixTime.Ms(credential.UpdatedAt) });
        if (updated == 1)
        {
            return;
        }
        if (ciphertext is null)
        {
            throw new InvalidOperationException("A new credential needs its API token.");
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO credentials (id, name, plugin, partner_name, description, token_ciphertext, created_at, updated_at)
            VALUES (@Id, @Name, @Plugin, @PartnerName, @Description, @Ciphertext, @CreatedAt, @UpdatedAt)
            """,
            new { Id = id, credential.Name, credential.Plugin, credential.PartnerName, credential.Description, Ciphertext = ciphertext, CreatedAt = UnixTime.Ms(credential.CreatedAt), UpdatedAt = UnixTime.Ms(credential.UpdatedAt) });
    }

    public async Task<string> RevealTokenAsync(Guid credentialId, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        var id = credentialId.ToString();
        var ciphertext = await connection.QuerySingleOrDefaultAsync<byte[]>(
            "SELECT token_ciphertext FROM credentials WHERE id = @id", new { id })
            ?? throw new KeyNotFoundException($"Credential {credentialId} no longer exists.");
        return protector.Unprotect(ciphertext, BindingOf(id));
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
        var connection = write.Connection;
        await connection.ExecuteAsync(
            """
            INSERT INTO destinations (id, name, credential_id, segment_name, attribute_name, description, created_at, updated_at,
                update_mode, allow_split, shrink_guard_share)
            VALUES (@Id, @Name, @CredentialId, @SegmentName, @AttributeName, @Description, @CreatedAt, @UpdatedAt,
                @UpdateMode, @AllowSplit, @ShrinkGuardShare)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, credential_id = excluded.credential_id,
                segment_name = excluded.segment_name, attribute_name = excluded.attribute_name,
                description = excluded.description, updated_at = excluded.updated_at,
                update_mode = excluded.update_mode, allow_split = excluded.allow_split, shrink_guard_share = excluded.shrink_guard_share
            """,
            new
            {
                Id = destination.Id.ToString(), destination.Name, CredentialId = destination.CredentialId.ToString(),
                destination.SegmentName, destination.AttributeName, destination.Description,
                CreatedAt = UnixTime.Ms(destination.CreatedAt), UpdatedAt = UnixTime.Ms(destination.UpdatedAt),
                UpdateMode = destination.UpdateMode.ToWireName(), AllowSplit = destination.AllowSplit ? 1 : 0, destination.ShrinkGuardShare,
            });
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
        var connection = write.Connection;
        await connection.ExecuteAsync(
            """
            INSERT INTO orchestrations (id, name, destination_id, query, allow_empty, description, created_at, updated_at)
            VALUES (@Id, @Name, @DestinationId, @Query, @AllowEmpty, @Description, @CreatedAt, @UpdatedAt)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, destination_id = excluded.destination_id,
                query = excluded.query, allow_empty = excluded.allow_empty, description = excluded.description,
                updated_at = excluded.updated_at
            """,
            new
            {
                Id = orchestration.Id.ToString(), orchestration.Name, DestinationId = orchestration.DestinationId.ToString(),
                orchestration.Query, AllowEmpty = orchestration.AllowEmpty ? 1 : 0, orchestration.Description,
                CreatedAt = UnixTime.Ms(orchestration.CreatedAt), UpdatedAt = UnixTime.Ms(orchestration.UpdatedAt),
            });
    }

    public async Task DeleteOrchestrationAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await connection.ExecuteAsync("DELETE FROM orchestrations WHERE id = @id", new { id = id.ToString() });
    }

    // Ids are stored in Guid's "D" form; accept any form a user pastes.
    private static string NormalizeKey(string nameOrId) =>
        Guid.TryParse(nameOrId, out var id) ? id.ToString() : nameOrId;

    private static string BindingOf(string credentialId) => $"credential:{credentialId}:api-token";

    private sealed record CredentialRow(string Id, string Name, string Plugin, string PartnerName, string? Description, long CreatedAt, long UpdatedAt)
    {
        public Credential ToModel() => new(Guid.Parse(Id), Name, Plugin, PartnerName, Description, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt));
    }

    private sealed record DestinationRow(
        string Id, string Name, string CredentialId, string SegmentName, string AttributeName, string? Description, long CreatedAt, long UpdatedAt,
        string UpdateMode, long AllowSplit, double? ShrinkGuardShare)
    {
        public Destination ToModel() => new(Guid.Parse(Id), Name, Guid.Parse(CredentialId), SegmentName, AttributeName, Description,
            UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt),
            SegmentUpdateModes.TryParse(UpdateMode, out var mode) ? mode : SegmentUpdateMode.Replace, AllowSplit != 0, ShrinkGuardShare);
    }

    private sealed record OrchestrationRow(string Id, string Name, string DestinationId, string Query, long AllowEmpty, string? Description, long CreatedAt, long UpdatedAt)
    {
        public Orchestration ToModel() => new(Guid.Parse(Id), Name, Guid.Parse(DestinationId), Query, AllowEmpty != 0, Description, UnixTime.From(CreatedAt), UnixTime.From(UpdatedAt));
    }
}
