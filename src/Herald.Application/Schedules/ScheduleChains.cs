using Herald.Core.Ports;
using Herald.Core.Schedules;
using Microsoft.Extensions.Options;

namespace Herald.Application.Schedules;

/// <summary>
/// Run-after chains as a graph (follower → predecessor): a new link is refused when it closes a cycle (the message
/// names it) or makes a chain longer than <see cref="ScheduleOptions.MaxChainLength"/>.
/// </summary>
internal sealed class ScheduleChains(IScheduleStore schedules, IOptions<ScheduleOptions> options)
{
    /// <summary>What is wrong with <paramref name="follower"/> running after <paramref name="predecessor"/>; null when nothing.</summary>
    public async Task<string?> ProblemAsync(ScheduledWork follower, ScheduledWork predecessor, CancellationToken cancellationToken)
    {
        if (follower == predecessor)
        {
            return $"The {follower} cannot run after itself; name another orchestration, or use a cron expression.";
        }
        var predecessorOf = (await schedules.ListAsync(cancellationToken))
            .Where(s => s.Trigger.After is not null && s.Work != follower)
            .ToDictionary(s => s.Work, s => s.Trigger.After!);
        // Upstream: from the new predecessor back to the chain's start. Each work has one predecessor, so this is a path.
        var upstream = new List<ScheduledWork> { predecessor };
        for (var at = predecessor; predecessorOf.TryGetValue(at, out var before); at = before)
        {
            if (before == follower)
            {
                var cycle = new[] { follower }.Concat(upstream).Append(follower).Select(w => $"'{w.Name}'");
                return $"Running after '{predecessor.Name}' would make a cycle: {string.Join(" runs after ", cycle)}. Break it by giving one of them a cron expression or running it by hand.";
            }
            if (upstream.Contains(before))
            {
                break;
            }
            upstream.Add(before);
        }
        var downstream = LongestFollowing(follower, predecessorOf);
        var length = upstream.Count + 1 + downstream;
        var max = options.Value.MaxChainLength;
        return length > max
            ? $"The chain would hold {length} orchestrations, first to last; Herald allows {max} (Herald:Schedules:MaxChainLength). Start part of it from a cron expression instead."
            : null;
    }

    private static int LongestFollowing(ScheduledWork work, Dictionary<ScheduledWork, ScheduledWork> predecessorOf)
    {
        var followersOf = predecessorOf.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        var longest = 0;
        var level = new List<ScheduledWork> { work };
        var seen = new HashSet<ScheduledWork> { work };
        // Breadth first, one level per link: the depth reached is the longest chain after the work.
        while (level.Count > 0)
        {
            level = [.. level.SelectMany(w => followersOf.GetValueOrDefault(w) ?? []).Where(seen.Add)];
            longest += level.Count > 0 ? 1 : 0;
        }
        return longest;
    }
}
