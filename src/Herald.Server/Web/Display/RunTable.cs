using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>A list of runs as the runs page, the dashboard and an orchestration's page show it.</summary>
internal sealed record RunTable(IReadOnlyList<RunSummary> Runs, DateTimeOffset Now, bool ShowOrchestration = true, string EmptyMessage = "No runs yet.");
