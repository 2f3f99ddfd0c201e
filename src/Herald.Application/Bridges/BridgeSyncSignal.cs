using Herald.Application.Runs;

namespace Herald.Application.Bridges;

/// <summary>Wakes the idle sync worker when a sync is queued.</summary>
internal sealed class BridgeSyncSignal : RunSignal;
