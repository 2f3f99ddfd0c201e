using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Runs;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Runs;

/// <summary>
/// The run history: filters by state, destination and orchestration (by name in the URL, so a link says what it shows),
/// starter, time (today, yesterday, the last 7 days, between dates) and text, where text that is a date as the pages
/// write it searches that day; 100 runs a page, with older pages behind. Bridge syncs are shown beside the runs.
/// </summary>
internal sealed class IndexModel(CatalogReads catalog, RunReads runs, BridgeUseCases bridges, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;
    public const int MaxPage = 1000;

    /// <summary>Bridge syncs shown beside the runs.</summary>
    public const int SyncLimit = 20;

    public IReadOnlyList<Herald.Core.Bridges.BridgeSync> Syncs { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Destination { get; set; }
    [BindProperty(SupportsGet = true)] public string? Orchestration { get; set; }
    [BindProperty(SupportsGet = true)] public string? StartedBy { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? When { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];
    public IReadOnlyList<Destination> Destinations { get; private set; } = [];
    public IReadOnlyList<Orchestration> Orchestrations { get; private set; } = [];
    public IReadOnlyList<string> StartedByValues { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public bool HasOlder { get; private set; }
    public string? DateProblem { get; private set; }
    public string? SearchedDate { get; private set; }

    public string CountLine => (Runs.Count, PageNumber) switch
    {
        (0, > 1) => "No runs this far back.",
        (_, > 1) => $"Runs {(PageNumber - 1) * PageSize + 1:N0} to {(PageNumber - 1) * PageSize + Runs.Count:N0}{(IsFiltered ? " matching the filters" : "")}, newest first.",
        (1, _) => IsFiltered ? "1 run matches the filters." : "1 run.",
        var (n, _) when HasOlder => $"The latest {n} {(IsFiltered ? "matching " : "")}runs; older ones are on the next pages.",
        var (n, _) => IsFiltered ? $"{n} runs match the filters." : $"{n} runs.",
    };

    public bool IsFiltered => new[] { State, Destination, Orchestration, StartedBy, Search, When, From, To }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        Syncs = await bridges.ListSyncsAsync(caller, SyncLimit, ct);
        Destinations = [.. (await catalog.ListDestinationsAsync(caller, ct)).Select(d => d.Destination)];
        Orchestrations = [.. (await catalog.ListOrchestrationsAsync(caller, ct)).Select(o => o.Orchestration)];
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        RunState? state = StateBadge.States.Contains(State) ? RunStateExtensions.ParseWireName(State!) : null;
        var (from, before, problem) = HistoryDates.Range(When, From, To, Now);
        DateProblem = problem;
        var search = Search;
        if (HistoryDates.TrySearch(Search, Now, out var searchFrom, out var searchBefore))
        {
            // A date typed in the search box finds the runs of that day (or minute), as the table shows them.
            from = from is null || searchFrom > from ? searchFrom : from;
            before = before is null || searchBefore < before ? searchBefore : before;
            SearchedDate = Format.Time(searchFrom);
            search = null;
        }
        // One more than a page tells whether older runs remain.
        var found = await runs.ListAsync(caller, new RunFilter(state, Destination, Orchestration, StartedBy, search, PageSize + 1, from, before,
            (PageNumber - 1) * PageSize), ct);
        HasOlder = found.Count > PageSize;
        Runs = [.. found.Take(PageSize).Select(r => r.ToSummary())];
        StartedByValues = await runs.StartedByAsync(caller, ct);
    }

    /// <summary>This page's URL with the same filters, at another page.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["state"] = State, ["destination"] = Destination, ["orchestration"] = Orchestration, ["startedBy"] = StartedBy,
            ["search"] = Search, ["when"] = When, ["from"] = From, ["to"] = To, ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/runs", query.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }
}
