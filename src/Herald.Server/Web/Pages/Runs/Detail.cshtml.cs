using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Runs;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Runs;

internal sealed class DetailModel(IRunStore runs, ICatalogStore catalog, RunLauncher launcher, RunUpdater updater, TimeProvider clock) : PageModel
{
    public RunPage View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await RunPage.LoadAsync(id, runs, catalog, clock, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is null)
        {
            return NotFound();
        }
        var (run, cancelled) = await updater.UpdateAsync(id, r =>
        {
            if (r.IsFinal)
            {
                return false;
            }
            r.Cancel(r.State == RunState.AwaitingReport
                ? "Cancelled in the web UI while waiting for Insider One's report; the segment was already submitted and stays in Insider One."
                : "Cancelled in the web UI; nothing more will be sent for this run.", clock.GetUtcNow());
            return true;
        }, ct);
        TempData[cancelled ? "Notice" : "Problem"] = cancelled ? "The run was cancelled." : $"The run was {run.State.ToWireName()} already; there was nothing to cancel.";
        return Redirect($"/runs/{id}");
    }

    /// <summary>The diff sample as a CSV download (personal data: signed-in users only, for now every one of them).</summary>
    public async Task<IActionResult> OnGetDiffSampleAsync(Guid id, [FromServices] IDiffSampleStore samples, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is null || await samples.ReadAsync(id, ct) is not { } sample)
        {
            return NotFound();
        }
        var csv = new System.Text.StringBuilder("change,value\n");
        foreach (var (change, values) in new[] { ("added", sample.Added), ("removed", sample.Removed), ("kept", sample.Kept) })
        {
            foreach (var value in values)
            {
                csv.Append(change).Append(',').Append(PeopleCsv.Cell(value)).Append('\n');
            }
        }
        return File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"run-{id:N}-diff-sample.csv");
    }

    public async Task<IActionResult> OnPostRunAgainAsync(Guid id, [FromForm] bool force, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run)
        {
            return NotFound();
        }
        try
        {
            Run next;
            if (run.Origin.OrchestrationId is { } orchestrationId && await catalog.FindOrchestrationAsync(orchestrationId.ToString(), ct) is { } orchestration)
            {
                // The orchestration as it is now: the fix the person just made is what they want to try.
                next = await launcher.StartOrchestrationAsync(orchestration, run.Origin.AllowEmpty, WebRuns.StartedBy, ct, force);
            }
            else if (await catalog.GetDestinationAsync(run.Origin.DestinationId, ct) is { } destination)
            {
                next = await launcher.StartSendAsync(destination, run.Origin.Query, run.Origin.AllowEmpty, run.Origin.SegmentName, null, WebRuns.StartedBy, ct, force);
            }
            else
            {
                TempData["Problem"] = "The run's destination no longer exists, so it cannot run again.";
                return Redirect($"/runs/{id}");
            }
            return Redirect($"/runs/{next.Id}");
        }
        catch (CatalogProblem problem)
        {
            TempData["Problem"] = problem.Message;
            return Redirect($"/runs/{id}");
        }
    }
}
