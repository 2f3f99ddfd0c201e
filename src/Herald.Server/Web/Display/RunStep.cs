using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>
/// One step of a run as the run page shows it: a state entered, how long the run stayed in it, what the step came to
/// (its <see cref="Reason"/>), and the notes recorded while in it (retries, recovery decisions).
/// </summary>
internal sealed record RunStep(string State, DateTimeOffset StartedAt, TimeSpan? Duration, bool Current, string Reason, IReadOnlyList<RunEventView> Notes)
{
    /// <summary>
    /// Consecutive events in the same state are one step; the final state is a step without duration. A run records the
    /// reason of a move when it makes it, so the reason of entering a state says what the step before it came to ("the
    /// query returned 921 rows" enters comparing, but is the building step's result): each reason is shown with the step
    /// it belongs to. Entering building (or queued) is the exception: that reason says why the step starts.
    /// </summary>
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
            var group = groups[i];
            var first = group[0];
            var last = i == groups.Count - 1;
            var final = StateBadge.IsFinal(first.State);
            TimeSpan? duration = !last ? groups[i + 1][0].At - first.At
                : final ? null
                : now - first.At;
            var opening = StartsItsOwnStep(first.State) ? first : null;
            var result = !last && !StartsItsOwnStep(groups[i + 1][0].State) ? groups[i + 1][0] : null;
            var notes = (opening is not null && result is not null ? group : group.Skip(1)).ToList();
            var reason = result?.Reason ?? opening?.Reason
                ?? (final && i > 0 ? FinalNote(first.State) : i == 0 ? first.Reason : "Under way.");
            steps.Add(new RunStep(first.State, first.At, duration, last && !final, reason, notes));
        }
        return steps;
    }

    private static bool StartsItsOwnStep(string state) => state is "queued" or "building";

    // A final state's reason is the result of the step before it, shown there; the final row only marks the end.
    private static string FinalNote(string state) => state switch
    {
        "succeeded" => "Succeeded.",
        "failed" => "Failed at the step above.",
        _ => "Cancelled at the step above.",
    };
}
