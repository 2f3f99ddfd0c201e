using Herald.Core.Bridges;
using Herald.Core.Runs;

namespace Herald.Core.Ports;

/// <summary>Where a bridge's tables go (Snowflake, a local folder): the one piece of a sync that knows the target.</summary>
public interface IBridgeTarget
{
    BridgeTargetKind Kind { get; }

    /// <summary>Problems with the bridge's target settings (names, the credential's plugin), each naming the field; empty when usable.</summary>
    Task<IReadOnlyList<Catalog.FieldProblem>> CheckAsync(Bridge bridge, CancellationToken cancellationToken);

    /// <summary>Reaches the target with the bridge's settings without changing anything.</summary>
    Task<ConnectionCheck> TestAsync(Bridge bridge, CancellationToken cancellationToken);

    /// <summary>Loads one checked table and swaps it in whole; a failure leaves the previous version in place.</summary>
    /// <exception cref="BridgeTargetException">The load failed; the message says why and what was left.</exception>
    Task<BridgeTableCounts> PublishAsync(Bridge bridge, BridgeTable table, InsiderTableShape shape, bool allowShrink, CancellationToken cancellationToken);

    /// <summary>Creates or updates the bridge's share and its grants; null when the target has no shares or the bridge names none.</summary>
    /// <exception cref="BridgeTargetException">The target refused.</exception>
    Task<BridgeShareState?> ShareAsync(Bridge bridge, IReadOnlyList<InsiderTableShape> tables, CancellationToken cancellationToken);
}
