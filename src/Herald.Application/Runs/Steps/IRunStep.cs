using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// One step of a run: it starts from the run as stored, does its work, and records the transition it leads to (or
/// the failure, with its reason). Repeating a step after a crash is harmless; <see cref="RunSteps"/> says which
/// step a state calls for.
/// </summary>
internal interface IRunStep
{
    Task RunAsync(Run run, CancellationToken cancellationToken);
}
