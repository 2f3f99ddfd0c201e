using Herald.Core.Catalog;

namespace Herald.Core.Ports;

/// <summary>Credential hand-over links (migration 19).</summary>
public interface IHandoverStore
{
    Task SaveAsync(HandoverLink link, CancellationToken cancellationToken);

    /// <summary>The link whose token has that SHA-256; null when there is none.</summary>
    Task<HandoverLink?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Marks the link used unless it was used already; false when another use came first.</summary>
    Task<bool> MarkUsedAsync(Guid id, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Every link, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<HandoverLink>> ListAsync(int limit, CancellationToken cancellationToken);
}
