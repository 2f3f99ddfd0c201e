using Herald.Core.Access;
using Herald.Core.Catalog;

namespace Herald.Core.Ports;

/// <summary>Credentials, destinations, orchestrations and saved segments: what users configure.</summary>
public interface ICatalogStore
{
    Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken cancellationToken);
    Task<Credential?> FindCredentialAsync(string nameOrId, CancellationToken cancellationToken);
    Task<Credential?> GetCredentialAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the credential; each secret given is encrypted under its name before it reaches the store and replaces
    /// the stored one of that name; secrets not given stay as stored.
    /// </summary>
    Task SaveCredentialAsync(Credential credential, SecretValues secrets, CancellationToken cancellationToken);

    /// <summary>The decrypted secret, read only at the moment a request to the destination is sent.</summary>
    /// <exception cref="KeyNotFoundException">The credential, or its secret of that name, no longer exists.</exception>
    Task<string> RevealSecretAsync(Guid credentialId, string secretName, CancellationToken cancellationToken);

    Task DeleteCredentialAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Destination>> ListDestinationsAsync(CancellationToken cancellationToken);
    Task<Destination?> FindDestinationAsync(string nameOrId, CancellationToken cancellationToken);
    Task<Destination?> GetDestinationAsync(Guid id, CancellationToken cancellationToken);
    Task SaveDestinationAsync(Destination destination, CancellationToken cancellationToken);
    Task DeleteDestinationAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Orchestration>> ListOrchestrationsAsync(CancellationToken cancellationToken);
    Task<Orchestration?> FindOrchestrationAsync(string nameOrId, CancellationToken cancellationToken);
    Task SaveOrchestrationAsync(Orchestration orchestration, CancellationToken cancellationToken);
    Task DeleteOrchestrationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The saved segments, by name.</summary>
    Task<IReadOnlyList<SavedSegment>> ListSegmentsAsync(CancellationToken cancellationToken);

    /// <summary>The saved segment of that name or id, or null.</summary>
    Task<SavedSegment?> FindSegmentAsync(string nameOrId, CancellationToken cancellationToken);

    Task SaveSegmentAsync(SavedSegment segment, CancellationToken cancellationToken);

    Task DeleteSegmentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The orchestrations' schedules, as the configuration document holds them (the same rows as
    /// <see cref="IScheduleStore.ListAsync"/> of kind orchestration), read here so the catalog is read from one store.
    /// </summary>
    Task<IReadOnlyList<Schedules.Schedule>> ListOrchestrationSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A number that changes with every write of a credential, destination, orchestration, saved segment or a schedule's
    /// configuration (trigger, state; not the slots it claims), whoever makes it: read before the catalog, it is the
    /// <see cref="CatalogWrite.ExpectedRevision"/> of a change computed from what was read.
    /// </summary>
    Task<long> RevisionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes every change of <paramref name="write"/> and appends <paramref name="audit"/> in one transaction: afterwards
    /// the catalog holds all of them and the audit log the entry, or (on any failure) neither changed.
    /// </summary>
    /// <exception cref="CatalogChangedException">The catalog's revision is no longer <see cref="CatalogWrite.ExpectedRevision"/>; nothing was written.</exception>
    Task ApplyAsync(CatalogWrite write, AuditEntry audit, CancellationToken cancellationToken);
}
