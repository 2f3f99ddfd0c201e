namespace Herald.Core.Runs;

public sealed class InvalidRunTransitionException(Guid runId, RunState from, string transition)
    : InvalidOperationException($"Run {runId} cannot {transition} while {from.ToWireName()}.");
