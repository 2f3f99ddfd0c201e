using Herald.Application.Schedules;

namespace Herald.Application.Configuration;

/// <summary>
/// The rules on the schedules of a whole configuration, as setting each one by hand checks them: each names an
/// orchestration of the configuration; a changed one is either a cron expression with its time zone (read as
/// <see cref="CronSlots"/> reads it, no closer than the minimum interval) or runs after another orchestration of the
/// configuration; and the run-after links make no cycle and no chain longer than Herald allows.
/// </summary>
internal static class ScheduleEntryChecks
{
    /// <summary>What is wrong with the schedules of <paramref name="desired"/>, each message naming the schedule.</summary>
    /// <param name="changed">The schedules the change adds or changes: only their cron expressions are read again.</param>
    public static IEnumerable<string> Problems(CatalogDocument desired, IReadOnlySet<string> changed, ScheduleOptions options, DateTimeOffset now)
    {
        var schedules = desired.Schedules ?? [];
        var orchestrations = desired.Orchestrations.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in schedules)
        {
            if (!orchestrations.Contains(schedule.Name))
            {
                yield return $"its orchestration '{schedule.Name}' is not in the file; add it, or remove the schedule.";
                continue;
            }
            var isCron = schedule.Cron is not null || schedule.TimeZone is not null;
            if (isCron == (schedule.After is not null))
            {
                yield return $"the schedule of '{schedule.Name}' says either 'cron' with 'timeZone', or 'after' naming an orchestration; not both, not neither.";
                continue;
            }
            if (schedule.After is { } after && !orchestrations.Contains(after))
            {
                yield return $"the schedule of '{schedule.Name}' runs after '{after}', which is not in the file; name an orchestration that is.";
            }
            else if (schedule.After == schedule.Name)
            {
                yield return $"the orchestration '{schedule.Name}' cannot run after itself; name another orchestration, or use a cron expression.";
            }
            else if (isCron && changed.Contains(schedule.Name))
            {
                foreach (var problem in CronSlots.Read(schedule.Cron, schedule.TimeZone, options.MinimumInterval, now).Problems)
                {
                    yield return $"the schedule of '{schedule.Name}': {problem.Message}";
                }
            }
        }
        var predecessorOf = schedules.Where(s => s.After is not null && s.After != s.Name).ToDictionary(s => s.Name, s => s.After!, StringComparer.Ordinal);
        foreach (var start in predecessorOf.Keys.Order(StringComparer.Ordinal))
        {
            // Each orchestration has one predecessor, so its chain upstream is a path: it ends, loops back to it, or grows too long.
            var chain = new List<string> { start };
            for (var at = start; predecessorOf.TryGetValue(at, out var before) && chain.Count <= options.MaxChainLength; at = before)
            {
                if (before == start)
                {
                    yield return $"the schedules make a cycle: {string.Join(" runs after ", chain.Append(start).Select(n => $"'{n}'"))}. " +
                        "Break it by giving one of them a cron expression or removing its schedule.";
                    break;
                }
                if (chain.Contains(before, StringComparer.Ordinal))
                {
                    break;
                }
                chain.Add(before);
            }
            if (chain.Count > options.MaxChainLength)
            {
                yield return $"the chain of schedules ending at '{start}' holds more than {options.MaxChainLength} orchestrations, first to last " +
                    "(Herald:Schedules:MaxChainLength). Start part of it from a cron expression instead.";
            }
        }
    }
}
