using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>
/// What the home page shows: the recent runs (for the chart and the last day's figures), the runs in flight, the
/// runs that failed, and how far set-up has gone (how many credentials, destinations and orchestrations exist).
/// </summary>
public sealed record Dashboard(
    IReadOnlyList<Run> Recent,
    IReadOnlyList<Run> InFlight,
    IReadOnlyList<Run> Failed,
    int Credentials,
    int Destinations,
    int Orchestrations);
