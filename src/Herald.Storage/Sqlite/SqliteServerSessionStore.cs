using Dapper;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Storage.Sqlite;

public sealed class SqliteServerSessionStore(SqliteDatabase database) : IServerSessionStore
{
    /// <summary>Sessions kept: a server restarted every minute for a week stays well within it.</summary>
    private const int KeptSessions = 10_000;

    public Task StartAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            await connection.ExecuteAsync(
                "INSERT INTO server_sessions (id, started_at, alive_at) VALUES (@id, @at, @at)",
                new { id = sessionId.ToString(), at = UnixTime.Ms(at) });
            return await connection.ExecuteAsync(
                "DELETE FROM server_sessions WHERE seq <= (SELECT max(seq) FROM server_sessions) - @kept", new { kept = KeptSessions });
        }, cancellationToken);

    public Task MarkAliveAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE server_sessions SET alive_at = max(alive_at, @at) WHERE id = @id", new { id = sessionId.ToString(), at = UnixTime.Ms(at) }),
            cancellationToken);

    public Task StopAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync(
            "UPDATE server_sessions SET alive_at = max(alive_at, @at), stopped_at = @at WHERE id = @id", new { id = sessionId.ToString(), at = UnixTime.Ms(at) }),
            cancellationToken);

    public async Task<IReadOnlyList<HeraldDowntime>> ListDowntimesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Each session's end (its stop, or its last sign of life) to the next session's start.
        var gaps = await connection.QueryAsync<(long From, long To)>(
            """
            SELECT down_from, down_to FROM (
                SELECT coalesce(stopped_at, alive_at) AS down_from,
                       lead(started_at) OVER (ORDER BY seq) AS down_to
                FROM server_sessions
            )
            WHERE down_to IS NOT NULL AND down_to > down_from AND down_to >= @from AND down_from <= @to
            ORDER BY down_from
            """,
            new { from = UnixTime.Ms(from), to = UnixTime.Ms(to) });
        return [.. gaps.Select(gap => new HeraldDowntime(UnixTime.From(gap.From), UnixTime.From(gap.To)))];
    }
}
