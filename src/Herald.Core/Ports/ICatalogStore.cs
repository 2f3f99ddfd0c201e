using Herald.Core.Catalog;

namespace Herald.Core.Ports;

/// <summary>Credentials, destinations and orchestrations: what users configure.</summary>
public interface ICatalogStore
{
    Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken cancellationToken);
    Task<Credential?> FindCredentialAsync(string nameOrId, CancellationToken cancellationToken);
    Task<Credential?> GetCredentialAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Saves the credential; the token is encrypted before it reaches the store. Null keeps the stored token.</summary>
    Task SaveCredentialAsync(Credential credential, string? apiToken, CancellationToken cancellationToken);

    /// <summary>The decrypted token, read only at the moment a request to Insider One is sent.</summary>
    Task<string> RevealTokenAsync(Guid credentialId, CancellationToken cancellationToken);

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
}
