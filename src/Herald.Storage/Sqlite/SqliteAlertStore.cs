using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Herald.Core.Alerts;
using Herald.Core.Ports;
using Herald.Storage.Secrets;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>Alert rules, states and deliveries in SQLite (migration 9); channel secrets encrypted with the credentials' key, bound to the rule.</summary>
public sealed class SqliteAlertStore(SqliteDatabase database, SecretProtector protector) : IAlertStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private const string DeliveryColumns =
        "id AS Id, rule_id AS RuleId, state AS State, created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, message AS Message";

    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>("SELECT document FROM alert_rules ORDER BY name");
        return [.. documents.Select(ReadRule)];
    }

    public async Task<AlertRule?> FindRuleAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var key = Guid.TryParse(nameOrId, out var id) ? id.ToString() : nameOrId.Trim();
        var document = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT document FROM alert_rules WHERE name = @key OR id = @key", new { key });
        return document is null ? null : ReadRule(document);
    }

    public async Task AddRuleAsync(AlertRule rule, string? secret, CancellationToken cancellationToken)
    {
        var id = rule.Id.ToString();
        await database.WriteAsync(connection => connection.ExecuteAsync(
            "INSERT INTO alert_rules (id, name, document, secret_ciphertext, created_at) VALUES (@id, @name, @document, @ciphertext, @createdAt)",
            new
            {
                id,
                name = rule.Name,
                document = JsonSerializer.Serialize(rule, Json),
                ciphertext = secret is null ? null : protector.Protect(secret, BindingOf(id)),
                createdAt = UnixTime.Ms(rule.CreatedAt),
            }), cancellationToken);
    }

    public Task DeleteRuleAsync(Guid ruleId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("DELETE FROM alert_rules WHERE id = @id", new { id = ruleId.ToString() }), cancellationToken);

    public async Task<string?> RevealSecretAsync(Guid ruleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = ruleId.ToString();
        var ciphertext = await connection.QuerySingleOrDefaultAsync<byte[]?>("SELECT secret_ciphertext FROM alert_rules WHERE id = @id", new { id });
        return ciphertext is null ? null : protector.Unprotect(ciphertext, BindingOf(id));
    }

    public async Task<AlertDelivery?> TransitionAsync(
        Guid ruleId, string subjectKey, DateTimeOffset at, Func<string, (string NextState, AlertDelivery? Delivery)> decide, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        // Microsoft.Data.Sqlite begins IMMEDIATE: another instance sharing the file waits here instead of deciding on the same old state.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var rule = ruleId.ToString();
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM alert_rules WHERE id = @rule", new { rule }, transaction) == 0)
        {
            return null;
        }
        var previous = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT state FROM alert_states WHERE rule_id = @rule AND subject_key = @subjectKey", new { rule, subjectKey }, transaction) ?? AlertSubjects.Ok;
        var (next, delivery) = decide(previous);
        if (next != previous)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO alert_states (rule_id, subject_key, state, updated_at) VALUES (@rule, @subjectKey, @next, @at)
                ON CONFLICT (rule_id, subject_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """,
                new { rule, subjectKey, next, at = UnixTime.Ms(at) }, transaction);
        }
        if (delivery is not null)
        {
            await InsertDeliveryAsync(connection, transaction, delivery);
        }
        await transaction.CommitAsync(cancellationToken);
        return delivery;
    }

    public async Task EnqueueAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await InsertDeliveryAsync(write.Connection, null, delivery);
    }

    public async Task<IReadOnlyList<AlertDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(
            $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, seq LIMIT @limit",
            new { now = UnixTime.Ms(now), limit });
        return await WithAttemptsAsync(connection, rows.ToList());
    }

    public async Task<bool> TryClaimAsync(Guid deliveryId, DateTimeOffset due, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE alert_deliveries SET next_attempt_at = @lease WHERE id = @id AND state = 'pending' AND next_attempt_at = @due",
            new { id = deliveryId.ToString(), due = UnixTime.Ms(due), lease = UnixTime.Ms(leaseUntil) }), cancellationToken) == 1;

    public async Task RecordAttemptAsync(
        Guid deliveryId, AlertDeliveryAttempt attempt, AlertDeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var id = deliveryId.ToString();
        await connection.ExecuteAsync(
            """
            INSERT INTO alert_attempts (delivery_id, number, at, delivered, status, error, duration_ms)
            SELECT @id, @Number, @At, @Delivered, @Status, @Error, @DurationMs WHERE EXISTS (SELECT 1 FROM alert_deliveries WHERE id = @id)
            """,
            new { id, attempt.Number, At = UnixTime.Ms(attempt.At), attempt.Delivered, attempt.Status, attempt.Error, attempt.DurationMs }, transaction);
        await connection.ExecuteAsync(
            "UPDATE alert_deliveries SET state = @state, next_attempt_at = @next WHERE id = @id",
            new { id, state = StateName(state), next = nextAttemptAt is { } at ? UnixTime.Ms(at) : (long?)null }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(Guid ruleId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(
            $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE rule_id = @rule ORDER BY seq DESC LIMIT @limit", new { rule = ruleId.ToString(), limit });
        return await WithAttemptsAsync(connection, rows.ToList());
    }

    /// <summary>Deliveries kept per rule: the oldest settled ones beyond it are deleted (with their attempts) as new ones come.</summary>
    public const int KeptDeliveriesPerRule = 1000;

    private static Task InsertDeliveryAsync(SqliteConnection connection, SqliteTransaction? transaction, AlertDelivery delivery) =>
        connection.ExecuteAsync(
            """
            INSERT INTO alert_deliveries (id, rule_id, state, created_at, next_attempt_at, message)
            VALUES (@id, @rule, @state, @createdAt, @next, @message);
            DELETE FROM alert_deliveries
            WHERE rule_id = @rule AND state <> 'pending'
              AND seq <= (SELECT max(seq) FROM alert_deliveries WHERE rule_id = @rule) - @kept;
            """,
            new
            {
                id = delivery.Id.ToString(),
                rule = delivery.RuleId.ToString(),
                state = StateName(delivery.State),
                createdAt = UnixTime.Ms(delivery.CreatedAt),
                next = delivery.NextAttemptAt is { } at ? UnixTime.Ms(at) : (long?)null,
                message = JsonSerializer.Serialize(delivery.Message, Json),
                kept = KeptDeliveriesPerRule,
            }, transaction);

    private static async Task<IReadOnlyList<AlertDelivery>> WithAttemptsAsync(SqliteConnection connection, List<DeliveryRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var attempts = (await connection.QueryAsync<AttemptRow>(
                "SELECT delivery_id AS DeliveryId, number AS Number, at AS At, delivered AS Delivered, status AS Status, error AS Error, duration_ms AS DurationMs " +
                "FROM alert_attempts WHERE delivery_id IN @ids ORDER BY seq",
                new { ids = rows.Select(r => r.Id).ToArray() }))
            .ToLookup(a => a.DeliveryId, a => new AlertDeliveryAttempt((int)a.Number, UnixTime.From(a.At), a.Delivered != 0, (int?)a.Status, a.Error, a.DurationMs));
        return [.. rows.Select(r => new AlertDelivery(
            Guid.Parse(r.Id), Guid.Parse(r.RuleId), JsonSerializer.Deserialize<AlertMessage>(r.Message, Json)!, ParseState(r.State),
            UnixTime.From(r.CreatedAt), r.NextAttemptAt is { } next ? UnixTime.From(next) : null, [.. attempts[r.Id]]))];
    }

    private static AlertRule ReadRule(string document) => JsonSerializer.Deserialize<AlertRule>(document, Json)!;

    private static string StateName(AlertDeliveryState state) => state switch
    {
        AlertDeliveryState.GaveUp => "gave_up",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static AlertDeliveryState ParseState(string name) => name == "gave_up" ? AlertDeliveryState.GaveUp : Enum.Parse<AlertDeliveryState>(name, ignoreCase: true);

    // A ciphertext copied onto another rule's row does not decrypt.
    private static string BindingOf(string ruleId) => $"alert-rule:{ruleId}";

    private sealed record DeliveryRow(string Id, string RuleId, string State, long CreatedAt, long? NextAttemptAt, string Message);

    private sealed record AttemptRow(string DeliveryId, long Number, long At, long Delivered, long? Status, string? Error, long DurationMs);
}
