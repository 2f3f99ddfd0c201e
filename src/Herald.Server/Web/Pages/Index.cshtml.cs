using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages;

internal sealed class IndexModel(ICatalogStore catalog, IRunStore runs, TimeProvider clock) : PageModel
{
    // Enough for two weeks of a busy schedule; the chart says "runs per day", not a complete audit.
    private const int ChartRuns = 1000;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public RunsChart Chart { get; private set; } = null!;
    public IReadOnlyList<RunSummary> InFlight { get; private set; } = [];
    public IReadOnlyList<RunSummary> FailedLastDay { get; private set; } = [];
    public int SucceededLastDay { get; private set; }
    public long ValuesSentLastDay { get; private set; }
    public int OrchestrationCount { get; private set; }
    public IReadOnlyList<SetupStep> Setup { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var recent = await runs.ListAsync(new RunQuery(Limit: ChartRuns), ct);
        Chart = RunsChart.From(recent, Now);

        var inFlight = new List<Run>();
        foreach (var state in Enum.GetValues<RunState>().Where(s => !s.IsFinal()))
        {
            inFlight.AddRange(await runs.ListAsync(new RunQuery(State: state, Limit: 100), ct));
        }
        InFlight = [.. inFlight.OrderByDescending(r => r.CreatedAt).Select(r => r.ToSummary())];

        var since = Now.AddDays(-1);
        var failed = await runs.ListAsync(new RunQuery(State: RunState.Failed, Limit: 200), ct);
        FailedLastDay = [.. failed.Where(r => (r.FinishedAt ?? r.UpdatedAt) >= since).Select(r => r.ToSummary())];
        var lastDay = recent.Where(r => r.CreatedAt >= since).ToList();
        SucceededLastDay = lastDay.Count(r => r.State == RunState.Succeeded);
        ValuesSentLastDay = lastDay.Where(r => r.State == RunState.Succeeded).Sum(r => r.Counts?.ValuesSent ?? 0);

        var credentials = (await catalog.ListCredentialsAsync(ct)).Count;
        var destinations = (await catalog.ListDestinationsAsync(ct)).Count;
        OrchestrationCount = (await catalog.ListOrchestrationsAsync(ct)).Count;
        Setup =
        [
            new("Add a credential.", "A partner name and a First Party Segment API token from InOne.", credentials > 0, "/credentials/new", "Add a credential"),
            new("Add a destination.", "The Insider One segment an audience goes to.", destinations > 0, "/destinations/new", "Add a destination"),
            new("Add an orchestration.", "A query over the customer 360, previewed before saving.", OrchestrationCount > 0, "/orchestrations/new", "Add an orchestration"),
            new("Run it.", "Try a test send with 10 values first, then run it for real.", recent.Count > 0, "/orchestrations", "Go to orchestrations"),
        ];
    }
}

internal sealed record SetupStep(string Title, string Explanation, bool Done, string Href, string Action);
