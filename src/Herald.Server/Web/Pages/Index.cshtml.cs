using Herald.Application.UseCases;
using Herald.Core.Runs;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages;

internal sealed class IndexModel(RunReads reads, TimeProvider clock) : PageModel
{
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
        var dashboard = await reads.DashboardAsync(Callers.Web(HttpContext), ct);
        var recent = dashboard.Recent;
        Chart = RunsChart.From(recent, Now);
        InFlight = [.. dashboard.InFlight.Select(r => r.ToSummary())];

        var since = Now.AddDays(-1);
        FailedLastDay = [.. dashboard.Failed.Where(r => (r.FinishedAt ?? r.UpdatedAt) >= since).Select(r => r.ToSummary())];
        var lastDay = recent.Where(r => r.CreatedAt >= since).ToList();
        SucceededLastDay = lastDay.Count(r => r.State == RunState.Succeeded);
        ValuesSentLastDay = lastDay.Where(r => r.State == RunState.Succeeded).Sum(r => r.Counts?.ValuesSent ?? 0);

        var credentials = dashboard.Credentials;
        var destinations = dashboard.Destinations;
        OrchestrationCount = dashboard.Orchestrations;
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
