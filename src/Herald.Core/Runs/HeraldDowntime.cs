namespace Herald.Core.Runs;

/// <summary>A period when no Herald server was running on this data directory, on Herald's clock.</summary>
/// <param name="From">When the server was last known to be up: its orderly stop, or its last sign of life before a crash.</param>
/// <param name="To">When the next server started.</param>
public sealed record HeraldDowntime(DateTimeOffset From, DateTimeOffset To);
