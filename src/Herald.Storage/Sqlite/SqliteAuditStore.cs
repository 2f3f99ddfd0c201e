using Dapper;
using Herald.Core.Access;
using Herald.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>The audit log in Herald's SQLite database (migration 12).</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => InsertAsync(connection, null, entry), cancellationToken);

    /// <summary>Appends <paramref name="entry"/> within a write of another store, so that the change and its entry are one transaction.</summary>
    internal static Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction? transaction, AuditEntry entry) =>
        connection.ExecuteAsync(
            """
            INSERT INTO audit (at, actor, channel, remote_address, action, operation, subject, outcome, detail, before, after)
            VALUES (@At, @Actor, @Channel, @RemoteAddress, @Action, @Operation, @Subject, @Outcome, @Detail, @Before, @After)
            """,
            new
            {
                At = UnixTime.Ms(entry.At), entry.Actor, entry.Channel, entry.RemoteAddress, entry.Action, entry.Operation, entry.Subject,
                entry.Outcome, entry.Detail, entry.Before, entry.After,
            }, transaction);

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(
            """
            SELECT seq AS Seq, at AS At, actor AS Actor, channel AS Channel, remote_address AS RemoteAddress, action AS Action, operation AS Operation,
                   subject AS Subject, outcome AS Outcome, detail AS Detail, before AS Before, after AS After
            FROM audit
            WHERE (@Since IS NULL OR at >= @Since) AND (@Actor IS NULL OR actor = @Actor COLLATE NOCASE)
              AND (@Action IS NULL OR action = @Action) AND (@Outcome IS NULL OR outcome = @Outcome)
            ORDER BY seq DESC LIMIT @Limit
            """,
            new { Since = query.Since is { } since ? UnixTime.Ms(since) : (long?)null, query.Actor, query.Action, query.Outcome, query.Limit });
        return [.. rows.Select(r => new AuditEntry(r.Seq, UnixTime.From(r.At), r.Actor, r.Channel, r.RemoteAddress, r.Action, r.Operation, r.Subject,
            r.Outcome, r.Detail, r.Before, r.After))];
    }

    private sealed record AuditRow(long Seq, long At, string Actor, string Channel, string? RemoteAddress, string Action, string Operation,
        string? Subject, string Outcome, string? Detail, string? Before, string? After);
}
