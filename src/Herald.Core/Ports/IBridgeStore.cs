using Herald.Core.Bridges;

namespace Herald.Core.Ports;

/// <summary>Bridges and their syncs.</summary>
public interface IBridgeStore
{
    Task<IReadOnlyList<Bridge>> ListBridgesAsync(CancellationToken cancellationToken);
    Task<Bridge?> FindBridgeAsync(string nameOrId, CancellationToken cancellationToken);
    Task SaveBridgeAsync(Bridge bridge, CancellationToken cancellationToken);

    /// <summary>Removes the bridge; its syncs stay in the history.</summary>
    Task DeleteBridgeAsync(Guid id, CancellationToken cancellationToken);

    Task CreateSyncAsync(BridgeSync sync, CancellationToken cancellationToken);
    Task<BridgeSync?> GetSyncAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Saves the sync over the version it was loaded at; false, saving nothing, when someone else saved it first.</summary>
    Task<bool> TrySaveSyncAsync(BridgeSync sync, CancellationToken cancellationToken);

    /// <summary>The newest syncs first, of one bridge or of all.</summary>
    Task<IReadOnlyList<BridgeSync>> ListSyncsAsync(Guid? bridgeId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest sync that is not final and has no live lease, provided no earlier sync of the same bridge is
    /// still unfinished (one sync per bridge at a time: a table's load table has one name).
    /// </summary>
    Task<BridgeSync?> TryClaimNextSyncAsync(string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the worker has lost it or the sync has ended: it must stop working on the sync.</summary>
    Task<bool> RenewSyncLeaseAsync(Guid syncId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    Task ReleaseSyncLeaseAsync(Guid syncId, string worker, CancellationToken cancellationToken);
}
