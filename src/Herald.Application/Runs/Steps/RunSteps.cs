using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>Which step a run's state calls for: the one place the engine's order is written down.</summary>
internal sealed class RunSteps(BuildStep build, CompareStep compare, StageStep stage, SubmitStep submit)
{
    /// <summary>The step that moves a run on from <paramref name="state"/>; null for states a worker does not handle (awaiting a report, final).</summary>
    public IRunStep? For(RunState state) => state switch
    {
        RunState.Queued or RunState.Building => build,
        RunState.Comparing => compare,
        RunState.Staging => stage,
        RunState.Submitting => submit,
        _ => null,
    };
}
