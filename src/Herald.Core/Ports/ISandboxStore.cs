using Herald.Core.Catalog;
using Herald.Core.Sandboxes;

namespace Herald.Core.Ports;

/// <summary>Sandboxes (migration 15). Promotion writes through <see cref="ICatalogStore.ApplyAsync"/>, in the catalog's transaction.</summary>
public interface ISandboxStore
{
    /// <summary>Every sandbox, by name.</summary>
    Task<IReadOnlyList<Sandbox>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The sandbox of that name (case-insensitive); null when there is none.</summary>
    Task<Sandbox?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds the sandbox, or replaces the one with its id.</summary>
    /// <exception cref="InvalidOperationException">Another sandbox has its name.</exception>
    Task SaveAsync(Sandbox sandbox, CancellationToken cancellationToken);

    /// <summary>Removes the sandbox with its own secrets.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves secrets entered in the sandbox for its credential of that name (migration 18): each encrypted as production's
    /// secrets are, bound to the sandbox, the credential's name and the secret's name, replacing the one of that name.
    /// </summary>
    Task SaveSecretsAsync(Guid sandboxId, string credentialName, SecretValues secrets, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The decrypted secret entered in the sandbox, read only when a request is sent; null when none was entered.</summary>
    Task<string?> RevealSecretAsync(Guid sandboxId, string credentialName, string secretName, CancellationToken cancellationToken);

    /// <summary>Removes the sandbox's secrets of every credential not named in <paramref name="credentialNames"/> (those the sandbox no longer has).</summary>
    Task RemoveSecretsExceptAsync(Guid sandboxId, IReadOnlyCollection<string> credentialNames, CancellationToken cancellationToken);
}
