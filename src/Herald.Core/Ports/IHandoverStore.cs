using Herald.Core.Catalog;

namespace Herald.Core.Ports;

/// <summary>Credential hand-over links (migration 19) and the hand-overs they made (migration 20).</summary>
public interface IHandoverStore
{
    Task SaveAsync(HandoverLink link, CancellationToken cancellationToken);

    /// <summary>The link whose token has that SHA-256; null when there is none.</summary>
    Task<HandoverLink?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the link used unless it was used already, and records that it made the credential
    /// <paramref name="credentialId"/>, both or neither; false when another use came first.
    /// </summary>
    Task<bool> MarkUsedAsync(Guid id, Guid credentialId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Every link, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<HandoverLink>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The hand-over that made the credential, or null when it was made otherwise.</summary>
    Task<CredentialHandover?> FindHandoverOfAsync(Guid credentialId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the links used, or expired unused, at or before <paramref name="cutoff"/>, and the hand-over records of
    /// credentials deleted since; returns how many links went.
    /// </summary>
    Task<int> RemoveClosedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
