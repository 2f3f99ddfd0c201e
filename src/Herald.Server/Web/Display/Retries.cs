using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>
/// What the run page says about retries, read from the calls the run recorded (their status and attempt, not their
/// text): while Herald waits to try again, "Insider One unavailable (503), retry 2 of 5"; after a run that got through,
/// how many retries it took and why.
/// </summary>
internal static class Retries
{
    /// <summary>The live line while a call is being retried; null when the run is final or its last call did not fail for a while.</summary>
    public static string? Live(RunView run, int maxRetries)
    {
        if (run.IsFinal || run.Calls.Count == 0 || run.Calls[^1] is not { } last || !IsRetryable(last) || last.Attempt > maxRetries)
        {
            return null;
        }
        var why = last.Status switch
        {
            429 => "Insider One asked Herald to slow down (429)",
            null => "Insider One did not answer",
            var status => $"Insider One unavailable ({status})",
        };
        return last.Status == 429 ? $"{why}; Herald waits, then tries again." : $"{why}, retry {last.Attempt} of {maxRetries}.";
    }

    /// <summary>For a run that succeeded after retries: how many and why; null when no call was retried.</summary>
    public static string? After(RunView run)
    {
        if (run.State != "succeeded")
        {
            return null;
        }
        // The run page refreshes every second and a run keeps up to Herald:Workers:MaxCallsPerRun calls: one pass to
        // index the attempts, not a search of every call for each call.
        var attempts = run.Calls.Select(c => (c.Operation, c.Attempt)).ToHashSet();
        var retried = run.Calls.Where(c => IsRetryable(c) && attempts.Contains((c.Operation, c.Attempt + 1))).ToList();
        if (retried.Count == 0)
        {
            return null;
        }
        var answers = retried.GroupBy(c => c.Status?.ToString() ?? "no answer")
            .Select(g => g.Count() == 1 ? $"{g.Key} once" : g.Count() == 2 ? $"{g.Key} twice" : $"{g.Key} {g.Count()} times");
        return $"Succeeded after {retried.Count} {(retried.Count == 1 ? "retry" : "retries")}: Insider One answered {string.Join(" and ", answers)} before accepting.";
    }

    private static bool IsRetryable(RunCallView call) => call.Status is null or 429 or >= 500;
}
