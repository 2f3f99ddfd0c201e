using Herald.Core.Access;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// The catalog store with another user's edit landing at the worst moment: after a whole-catalog change read production
/// and before its transaction starts. Everything else goes to the real store unchanged.
/// </summary>
internal sealed class EditingBetweenReadAndWrite(ICatalogStore inner, Func<Task> edit) : ICatalogStore
{
    public async Task ApplyAsync(CatalogWrite write, AuditEntry audit, CancellationToken cancellationToken)
    {
        await edit();
        await inner.ApplyAsync(write, audit, cancellationToken);
    }

    public Task<long> RevisionAsync(CancellationToken cancellationToken) => inner.RevisionAsync(cancellationToken);
    public Task<IReadOnlyList<Herald.Core.Schedules.Schedule>> ListOrchestrationSchedulesAsync(CancellationToken cancellationToken) =>
        inner.ListOrchestrationSchedulesAsync(cancellationToken);
    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken cancellationToken) => inner.ListCredentialsAsync(cancellationToken);
    public Task<Credential?> FindCredentialAsync(string nameOrId, CancellationToken cancellationToken) => inner.FindCredentialAsync(nameOrId, cancellationToken);
    public Task<Credential?> GetCredentialAsync(Guid id, CancellationToken cancellationToken) => inner.GetCredentialAsync(id, cancellationToken);
    public Task SaveCredentialAsync(Credential credential, SecretValues secrets, CancellationToken cancellationToken) =>
        inner.SaveCredentialAsync(credential, secrets, cancellationToken);
    public Task<string> RevealSecretAsync(Guid credentialId, string secretName, CancellationToken cancellationToken) =>
        inner.RevealSecretAsync(credentialId, secretName, cancellationToken);
    public Task DeleteCredentialAsync(Guid id, CancellationToken cancellationToken) => inner.DeleteCredentialAsync(id, cancellationToken);
    public Task<IReadOnlyList<Destination>> ListDestinationsAsync(CancellationToken cancellationToken) => inner.ListDestinationsAsync(cancellationToken);
    public Task<Destination?> FindDestinationAsync(string nameOrId, CancellationToken cancellationToken) => inner.FindDestinationAsync(nameOrId, cancellationToken);
    public Task<Destination?> GetDestinationAsync(Guid id, CancellationToken cancellationToken) => inner.GetDestinationAsync(id, cancellationToken);
    public Task SaveDestinationAsync(Destination destination, CancellationToken cancellationToken) => inner.SaveDestinationAsync(destination, cancellationToken);
    public Task DeleteDestinationAsync(Guid id, CancellationToken cancellationToken) => inner.DeleteDestinationAsync(id, cancellationToken);
    public Task<IReadOnlyList<Orchestration>> ListOrchestrationsAsync(CancellationToken cancellationToken) => inner.ListOrchestrationsAsync(cancellationToken);
    public Task<Orchestration?> FindOrchestrationAsync(string nameOrId, CancellationToken cancellationToken) => inner.FindOrchestrationAsync(nameOrId, cancellationToken);
    public Task SaveOrchestrationAsync(Orchestration orchestration, CancellationToken cancellationToken) => inner.SaveOrchestrationAsync(orchestration, cancellationToken);
    public Task DeleteOrchestrationAsync(Guid id, CancellationToken cancellationToken) => inner.DeleteOrchestrationAsync(id, cancellationToken);
    public Task<IReadOnlyList<SavedSegment>> ListSegmentsAsync(CancellationToken cancellationToken) => inner.ListSegmentsAsync(cancellationToken);
    public Task<SavedSegment?> FindSegmentAsync(string nameOrId, CancellationToken cancellationToken) => inner.FindSegmentAsync(nameOrId, cancellationToken);
    public Task SaveSegmentAsync(SavedSegment segment, CancellationToken cancellationToken) => inner.SaveSegmentAsync(segment, cancellationToken);
    public Task DeleteSegmentAsync(Guid id, CancellationToken cancellationToken) => inner.DeleteSegmentAsync(id, cancellationToken);
}
