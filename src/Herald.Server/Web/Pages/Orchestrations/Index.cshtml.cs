using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Orchestrations;

internal sealed class IndexModel(ICatalogStore catalog, IRunStore runs, RunUseCases useCases, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OrchestrationRow> Rows { get; private set; } = [];
    public int DestinationCount { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var destinations = (await catalog.ListDestinationsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        DestinationCount = destinations.Count;
        var rows = new List<OrchestrationRow>();
        foreach (var orchestration in (await catalog.ListOrchestrationsAsync(ct)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase))
        {
            var last = (await runs.ListAsync(new RunQuery(OrchestrationId: orchestration.Id, Limit: 1), ct)).FirstOrDefault();
            rows.Add(new OrchestrationRow(orchestration, destinations.GetValueOrDefault(orchestration.DestinationId), last?.ToSummary()));
        }
        Rows = rows;
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
