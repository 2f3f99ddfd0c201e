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

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);
}
