using Herald.Core.Bridges;

namespace Herald.Application.UseCases;

/// <summary>A bridge with its newest syncs first (the last one carries the share's state as Snowflake reported it).</summary>
/// <param name="CredentialName">The credential's name; null for a folder bridge.</param>
public sealed record BridgeDetails(Bridge Bridge, string? CredentialName, IReadOnlyList<BridgeSync> Syncs)
{
    /// <summary>Syncs shown with a bridge.</summary>
    public const int RecentSyncs = 20;

    /// <summary>The share as the newest sync that set it up reported it; null before any.</summary>
    public BridgeShareState? Share => Syncs.FirstOrDefault(s => s.Share is not null)?.Share;
}
