using Herald.Core.Catalog;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class IndexModel(CatalogReads catalog, RunUseCases useCases, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OrchestrationRow> Rows { get; private set; } = [];
    public int DestinationCount { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        DestinationCount = (await catalog.ListDestinationsAsync(caller, ct)).Count;
        Rows = [.. (await catalog.ListOrchestrationsAsync(caller, ct)).Select(o => new OrchestrationRow(o.Orchestration, o.DestinationName, o.LastRun?.ToSummary()))];
    }

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name))
        {
            return NotFound();
        }
        var run = await useCases.StartOrchestrationAsync(Callers.Web(HttpContext), name, null, false, ct);
        if (run.Refusal is { Kind: RefusalKind.NotFound })
        {
            return NotFound();
        }
        if (!run.Succeeded)
        {
            TempData["Problem"] = run.Refusal.Message;
            return RedirectToPage();
        }
        return Redirect($"/runs/{run.Value.Id}");
    }
}

internal sealed record OrchestrationRow(Orchestration Orchestration, string? DestinationName, RunSummary? LastRun);
