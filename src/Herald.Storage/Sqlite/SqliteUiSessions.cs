using Dapper;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The web UI's signed-in sessions, kept on the server: a session cookie is good only while its id is here, so signing
/// out (which removes it) ends the session even for a copy of the cookie, on every instance sharing the database.
/// </summary>
public sealed class SqliteUiSessions(SqliteDatabase database)
{
    /// <summary>Records a new session until <paramref name="expiresAt"/>, and forgets sessions already expired.</summary>
    public Task StartAsync(string id, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            await connection.ExecuteAsync("DELETE FROM ui_sessions WHERE expires_at <= @Now", new { Now = UnixTime.Ms(now) });
            return await connection.ExecuteAsync("INSERT INTO ui_sessions (id, expires_at) VALUES (@Id, @ExpiresAt)",
                new { Id = id, ExpiresAt = UnixTime.Ms(expiresAt) });
        }, cancellationToken);

    public async Task<bool> IsActiveAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ui_sessions WHERE id = @Id AND expires_at > @Now",
            new { Id = id, Now = UnixTime.Ms(now) }) > 0;
    }

    /// <summary>Moves a sliding session's end (the cookie was renewed).</summary>
    public Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("UPDATE ui_sessions SET expires_at = @ExpiresAt WHERE id = @Id",
            new { Id = id, ExpiresAt = UnixTime.Ms(expiresAt) }), cancellationToken);

    public Task EndAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => connection.ExecuteAsync("DELETE FROM ui_sessions WHERE id = @Id", new { Id = id }), cancellationToken);
}
