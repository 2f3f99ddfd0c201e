using Dapper;
using Herald.Core.Ports;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The web UI's signed-in sessions, kept on the server: a session cookie is good only while its id is here, so signing
/// out (which removes it) ends the session even for a copy of the cookie, on every instance sharing the database. Each
/// session names its user (migration 20), so that a password change ends the user's other sessions.
/// </summary>
public sealed class SqliteUiSessions(SqliteDatabase database) : IUserSessions
{
    /// <summary>Records a new session of the user until <paramref name="expiresAt"/>, and forgets sessions already expired.</summary>
    public Task StartAsync(string id, Guid userId, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            await connection.ExecuteAsync("DELETE FROM ui_sessions WHERE expires_at <= @Now", new { Now = UnixTime.Ms(now) });
            return await connection.ExecuteAsync("INSERT INTO ui_sessions (id, user_id, expires_at) VALUES (@Id, @UserId, @ExpiresAt)",
                new { Id = id, UserId = userId.ToString(), ExpiresAt = UnixTime.Ms(expiresAt) });
        }, cancellationToken);

    /// <summary>
    /// Whether the session is open and belongs to the user. A session from before sessions named their users adopts
    /// the user its cookie names, once.
    /// </summary>
    public async Task<bool> IsActiveAsync(string id, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? owner;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var found = await connection.QuerySingleOrDefaultAsync<(string Id, string? UserId)>(
                "SELECT id, user_id FROM ui_sessions WHERE id = @Id AND expires_at > @Now", new { Id = id, Now = UnixTime.Ms(now) });
            if (found.Id is null)
            {
                return false;
            }
            owner = found.UserId;
        }
        if (owner is null)
        {
            await database.WriteAsync(connection => connection.ExecuteAsync("UPDATE ui_sessions SET user_id = @UserId WHERE id = @Id AND user_id IS NULL",
                new { Id = id, UserId = userId.ToString() }), cancellationToken);
            return true;
        }
        return string.Equals(owner, userId.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Moves a sliding session's end (the cookie was renewed).</summary>
    public Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("UPDATE ui_sessions SET expires_at = @ExpiresAt WHERE id = @Id",
            new { Id = id, ExpiresAt = UnixTime.Ms(expiresAt) }), cancellationToken);

    public Task EndAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("DELETE FROM ui_sessions WHERE id = @Id", new { Id = id }), cancellationToken);

    public Task<int> EndSessionsOfAsync(Guid userId, string? keep, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("DELETE FROM ui_sessions WHERE user_id = @UserId AND id IS NOT @Keep",
            new { UserId = userId.ToString(), Keep = keep }), cancellationToken);
}
