namespace Herald.Core.Runs;

/// <summary>One line of a run's history: when it entered a state (or noted something in it) and why.</summary>
public sealed record RunEvent(DateTimeOffset At, RunState State, string Reason);
