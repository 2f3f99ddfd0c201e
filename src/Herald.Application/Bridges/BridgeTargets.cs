using Herald.Core.Bridges;
using Herald.Core.Ports;

namespace Herald.Application.Bridges;

/// <summary>The bridge targets the host registered, by kind.</summary>
internal sealed class BridgeTargets(IEnumerable<IBridgeTarget> targets)
{
    private readonly IReadOnlyList<IBridgeTarget> _targets = [.. targets];

    /// <summary>The target of that kind; null when the host has none (Snowflake not set up on this server).</summary>
    public IBridgeTarget? For(BridgeTargetKind kind) => _targets.FirstOrDefault(t => t.Kind == kind);

    public IEnumerable<string> Names => _targets.Select(t => t.Kind.ToString().ToLowerInvariant());
}
