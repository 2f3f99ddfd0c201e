using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>
/// One step of a run as the run page shows it: a state entered, how long the run stayed in it, and why,
/// with the notes recorded while in it (retries, recovery decisions).
/// </summary>
internal sealed record RunStep(string State, DateTimeOffset StartedAt, TimeSpan? Duration, bool Current, string Reason, IReadOnlyList<RunEventView> Notes)
{
    /// <summary>Consecutive events in the same state are one step; the final state is a step without duration.</summary>
    public static IReadOnlyList<RunStep> From(RunView run, DateTimeOffset now)
    {
        var groups = new List<List<RunEventView>>();
        foreach (var entry in run.History.OrderBy(e => e.At))
        {
            if (groups.Count == 0 || groups[^1][0].State != entry.State)
            {
                groups.Add([entry]);
            }
            else
            {
                groups[^1].Add(entry);
            }
        }
        var steps = new List<RunStep>();
        for (var i = 0; i < groups.Count; i++)
        {
            var first = groups[i][0];
            var last = i == groups.Count - 1;
            TimeSpan? duration = !last ? groups[i + 1][0].At - first.At
                : StateBadge.IsFinal(first.State) ? null
                : now - first.At;
            steps.Add(new RunStep(first.State, first.At, duration, last && !StateBadge.IsFinal(first.State), first.Reason, groups[i].Skip(1).ToList()));
        }
        return steps;
    }
}
