namespace Herald.Core.Bridges;

/// <summary>One line of a sync's history: when, the state it was in, and why.</summary>
public sealed record BridgeSyncEvent(DateTimeOffset At, BridgeSyncState State, string Reason);
