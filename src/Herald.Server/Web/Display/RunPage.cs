using Herald.Application.UseCases;
using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>Everything the run page shows, built once for the page and again for each live update.</summary>
internal sealed record RunPage(
    RunView Run,
    IReadOnlyList<RunStep> Steps,
    RunTimeline Timeline,
    NextStep? NextStep,
    string? CredentialName,
    DateTimeOffset Now,
    string? RetryingNow = null,
    string? RetriesTaken = null)
{
    public bool IsFinal => Run.IsFinal;

    /// <param name="maxRetries">How many times Herald retries a call to Insider One (Herald:InsiderOne:MaxRetries).</param>
    public static async Task<RunPage?> LoadAsync(Guid id, Caller caller, RunReads reads, TimeProvider clock, int maxRetries, CancellationToken ct)
    {
        if ((await reads.GetAsync(caller, id, ct)).Value is not { } found)
        {
            return null;
        }
        var view = found.Run.ToView(found.Calls);
        var credential = found.Credential;
        var now = clock.GetUtcNow();
        var steps = RunStep.From(view, now);
        return new RunPage(view, steps, RunTimeline.From(steps, now), NextStep.For(view, credential?.Name), credential?.Name, now,
            Retries.Live(view, maxRetries), Retries.After(view));
    }
}
