using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Application.Bridges;

/// <summary>
/// Carries one claimed sync through its steps: every selected table built and checked in the customer 360 before
/// anything reaches the target (a table breaking a rule stops the sync with nothing loaded), then each table loaded and
/// swapped in whole, then the share. A failure records its kind and a reason that says what was left in place: the
/// target's previous version of a table that was not swapped in stays readable. Repeating the whole sync after a crash
/// is harmless (loads are incremental, grants idempotent), so an interrupted sync starts again from building.
/// </summary>
internal sealed class BridgeSyncExecutor(IBridgeStore store, IInsiderTableSource source, BridgeTargets targets, TimeProvider clock, ILogger<BridgeSyncExecutor> logger)
{
    public async Task ExecuteAsync(Guid syncId, CancellationToken cancellationToken)
    {
        if (await store.GetSyncAsync(syncId, cancellationToken) is not { IsFinal: false } sync)
        {
            return;
        }
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SyncId"] = syncId });
        var swapped = new List<string>();
        try
        {
            await RunAsync(sync, swapped, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down or the lease was lost: the sync is taken up again from its stored state.
        }
        catch (BridgeTargetException failure)
        {
            await FailAsync(sync, failure.Kind, Explain(failure.Message, swapped), cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sync step failed unexpectedly");
            await FailAsync(sync, SyncFailureKind.Internal,
                Explain($"Herald could not complete the step ({exception.GetType().Name}). Check the server's logs.", swapped), CancellationToken.None);
        }
    }

    private async Task RunAsync(BridgeSync sync, List<string> swapped, CancellationToken cancellationToken)
    {
        if (await store.FindBridgeAsync(sync.BridgeId.ToString(), cancellationToken) is not { } bridge)
        {
            await FailAsync(sync, SyncFailureKind.Internal, $"Bridge '{sync.BridgeName}' was removed before the sync ran; nothing was loaded.", cancellationToken);
            return;
        }
        if (targets.For(bridge.Target) is not { } target)
        {
            await FailAsync(sync, SyncFailureKind.Target,
                $"This server has no {bridge.Target.ToString().ToLowerInvariant()} target set up; nothing was loaded.", cancellationToken);
            return;
        }

        sync.StartBuilding(bridge.Tables.Count, clock.GetUtcNow());
        await SaveAsync(sync, cancellationToken);
        var shapes = new List<InsiderTableShape>();
        foreach (var table in bridge.Tables)
        {
            var shape = await source.CheckAsync(table, cancellationToken);
            if (shape.Problems.Count > 0)
            {
                await FailAsync(sync, SyncFailureKind.Table,
                    $"{table.Name} breaks Insider One's rules, so nothing was loaded and the tables in the target are as they were: {string.Join(" ", shape.Problems)}",
                    cancellationToken);
                return;
            }
            shapes.Add(shape);
            sync.TableBuilt(shape.Name, shape.Rows, clock.GetUtcNow());
            await SaveAsync(sync, cancellationToken);
        }

        sync.StartLoading(Describe(bridge), clock.GetUtcNow());
        await SaveAsync(sync, cancellationToken);
        for (var i = 0; i < bridge.Tables.Count; i++)
        {
            var counts = await target.PublishAsync(bridge, bridge.Tables[i], shapes[i], sync.AllowShrink, cancellationToken);
            swapped.Add(counts.Table);
            sync.TableLoaded(counts with { RowsBuilt = shapes[i].Rows }, clock.GetUtcNow());
            await SaveAsync(sync, cancellationToken);
        }

        if (bridge.ShareName is { } shareName)
        {
            sync.StartSharing(shareName, clock.GetUtcNow());
            await SaveAsync(sync, cancellationToken);
            if (await target.ShareAsync(bridge, shapes, cancellationToken) is { } share)
            {
                sync.Shared(share, clock.GetUtcNow());
            }
        }
        sync.Succeed(clock.GetUtcNow());
        await SaveAsync(sync, cancellationToken);
    }

    /// <summary>The failure's own reason, with the tables this sync had already swapped in (they hold the new version).</summary>
    private static string Explain(string reason, List<string> swapped) =>
        swapped.Count == 0 ? reason : $"{reason} Already swapped in by this sync, with their new version: {string.Join(", ", swapped)}.";

    private static string Describe(Bridge bridge) => bridge.Target == BridgeTargetKind.Snowflake
        ? $"Snowflake {bridge.Database}.{bridge.Schema}"
        : $"the folder '{bridge.Folder}'";

    private async Task FailAsync(BridgeSync sync, SyncFailureKind kind, string reason, CancellationToken cancellationToken)
    {
        try
        {
            sync.Fail(kind, reason, clock.GetUtcNow());
            await SaveAsync(sync, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store itself is failing; the sync stays where it was and is taken up again once the lease runs out.
            logger.LogError(exception, "Could not record the failure of sync {SyncId}", sync.Id);
        }
    }

    private async Task SaveAsync(BridgeSync sync, CancellationToken cancellationToken)
    {
        if (!await store.TrySaveSyncAsync(sync, cancellationToken))
        {
            throw new InvalidOperationException($"Sync {sync.Id} was changed by another worker; this one stops.");
        }
    }
}
