using Herald.Core.Ports;
using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>Everything the run page shows, built once for the page and again for each live update.</summary>
internal sealed record RunPage(
    RunView Run,
    IReadOnlyList<RunStep> Steps,
    RunTimeline Timeline,
    NextStep? NextStep,
    string? CredentialName,
    DateTimeOffset Now)
{
    public bool IsFinal => Run.IsFinal;

    public static async Task<RunPage?> LoadAsync(Guid id, IRunStore runs, ICatalogStore catalog, TimeProvider clock, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run)
        {
            return null;
        }
        var view = run.ToView(await runs.ListCallsAsync(id, ct));
        var credential = await catalog.GetCredentialAsync(run.Origin.CredentialId, ct);
        var now = clock.GetUtcNow();
        var steps = RunStep.From(view, now);
        return new RunPage(view, steps, RunTimeline.From(steps, now), NextStep.For(view, credential?.Name), credential?.Name, now);
    }
}
