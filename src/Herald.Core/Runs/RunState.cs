namespace Herald.Core.Runs;

/// <summary>The steps of a run (ARCHITECTURE.md, "One run, step by step"). Stored as text.</summary>
public enum RunState
{
    Queued,
    Building,

    /// <summary>Comparing the audience with the segment Insider One holds: the difference, the guards, the file(s) to upload.</summary>
    Comparing,
    Staging,
    Submitting,
    AwaitingReport,
    Succeeded,
    Failed,
    Cancelled,
}

public static class RunStateExtensions
{
    public static bool IsFinal(this RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;

    /// <summary>States in which a worker has something to do (as opposed to waiting for Insider One).</summary>
    public static bool NeedsWorker(this RunState state) =>
        state is RunState.Queued or RunState.Building or RunState.Comparing or RunState.Staging or RunState.Submitting;

    /// <summary>The stored and displayed name: lowercase with underscores, e.g. <c>awaiting_report</c>.</summary>
    public static string ToWireName(this RunState state) => state switch
    {
        RunState.AwaitingReport => "awaiting_report",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static RunState ParseWireName(string name) => name switch
    {
        "awaiting_report" => RunState.AwaitingReport,
        _ => Enum.Parse<RunState>(name, ignoreCase: true),
    };
}
