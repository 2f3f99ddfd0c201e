using Herald.Core.Catalog;
using Herald.Application.UseCases;
using Herald.Core.Runs;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Runs;

internal sealed class IndexModel(CatalogReads catalog, RunReads runs, BridgeUseCases bridges, TimeProvider clock) : PageModel
{
    /// <summary>Bridge syncs shown beside the runs.</summary>
    public const int SyncLimit = 20;

    public IReadOnlyList<Herald.Core.Bridges.BridgeSync> Syncs { get; private set; } = [];

    public int Limit => 100;

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Destination { get; set; }
    [BindProperty(SupportsGet = true)] public string? Orchestration { get; set; }
    [BindProperty(SupportsGet = true)] public string? StartedBy { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];
    public IReadOnlyList<Destination> Destinations { get; private set; } = [];
    public IReadOnlyList<Orchestration> Orchestrations { get; private set; } = [];
    public IReadOnlyList<string> StartedByValues { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public string CountLine => Runs.Count switch
    {
        _ when Runs.Count == Limit => $"The latest {Limit} {(IsFiltered ? "matching " : "")}runs; narrow the filters to see older ones.",
        1 => IsFiltered ? "1 run matches the filters." : "1 run.",
        var n => IsFiltered ? $"{n} runs match the filters." : $"{n} runs.",
    };

    public bool IsFiltered => new[] { State, Destination, Orchestration, StartedBy, Search }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        Syncs = await bridges.ListSyncsAsync(caller, SyncLimit, ct);
        Destinations = [.. (await catalog.ListDestinationsAsync(caller, ct)).Select(d => d.Destination)];
        Orchestrations = [.. (await catalog.ListOrchestrationsAsync(caller, ct)).Select(o => o.Orchestration)];
        RunState? state = StateBadge.States.Contains(State) ? RunStateExtensions.ParseWireName(State!) : null;
        // The filters' choices send ids; the use case takes names or ids alike.
        Runs = [.. (await runs.ListAsync(caller, new RunFilter(state, Destination, Orchestration, StartedBy, Search, Limit), ct)).Select(r => r.ToSummary())];
        StartedByValues = await runs.StartedByAsync(caller, ct);
    }
}
