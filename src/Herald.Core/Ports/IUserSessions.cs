namespace Herald.Core.Ports;

/// <summary>The web UI's signed-in sessions of each user, as far as the application needs them: to end them.</summary>
public interface IUserSessions
{
    /// <summary>Ends every session of the user but <paramref name="keep"/> (the caller's own, or null for all); returns how many ended.</summary>
    Task<int> EndSessionsOfAsync(Guid userId, string? keep, CancellationToken cancellationToken);
}
