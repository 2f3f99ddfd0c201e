using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Runs;

internal sealed class DetailModel(RunReads reads, RunUseCases useCases, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Herald.InsiderOne.InsiderOneOptions> insiderOne) : PageModel
{
    public RunPage View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await RunPage.LoadAsync(id, Callers.Web(HttpContext), reads, clock, insiderOne.Value.MaxRetries, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var cancelled = await useCases.CancelAsync(Callers.Web(HttpContext), id, ct);
        if (cancelled.Refusal is { Kind: RefusalKind.NotFound })
        {
            return NotFound();
        }
        TempData[cancelled.Succeeded ? "Notice" : "Problem"] = cancelled.Succeeded ? "The run was cancelled." : cancelled.Refusal!.Message;
        return Redirect($"/runs/{id}");
    }

    /// <summary>
    /// The diff sample as a CSV download (run:read). For a caller without pii:view the values of a PII audience are hidden;
    /// the sentence saying so is the file's first row, so that it travels with the file.
    /// </summary>
    public async Task<IActionResult> OnGetDiffSampleAsync(Guid id, CancellationToken ct)
    {
        var read = await useCases.DiffSampleAsync(Callers.Web(HttpContext), id, ct);
        if (read.Refusal is { Kind: RefusalKind.Forbidden } forbidden)
        {
            return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = forbidden.Message, ContentType = "text/plain; charset=utf-8" };
        }
        if (read.Value is not { Sample: var sample } diff)
        {
            return NotFound();
        }
        var csv = new System.Text.StringBuilder("change,value\n");
        if (diff.Redacted is { } redacted)
        {
            csv.Append("note,").Append(PeopleCsv.Cell(redacted)).Append('\n');
        }
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
        var next = await useCases.RunAgainAsync(Callers.Web(HttpContext), id, force, ct);
        if (next.Refusal is { Kind: RefusalKind.NotFound })
        {
            return NotFound();
        }
        if (!next.Succeeded)
        {
            TempData["Problem"] = next.Refusal.Message;
            return Redirect($"/runs/{id}");
        }
        return Redirect($"/runs/{next.Value.Id}");
    }
}
