using Herald.Core.Runs;

namespace Herald.Core.Ports;

/// <summary>
/// When Herald's server ran: each start is a session, kept alive by a periodic mark and closed by an orderly stop.
/// The gaps between sessions are when Insider One could not reach Herald's file and callback URLs.
/// </summary>
public interface IServerSessionStore
{
    Task StartAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkAliveAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken);

    Task StopAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The periods between sessions that overlap <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<HeraldDowntime>> ListDowntimesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
