using Herald.Core.Schedules;

namespace Herald.Core.Ports;

/// <summary>Durable schedules and the slots they have claimed.</summary>
public interface IScheduleStore
{
    /// <summary>Every schedule, active or paused.</summary>
    Task<IReadOnlyList<Schedule>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The schedule of a piece of work; null when it has none (it runs by hand only).</summary>
    Task<Schedule?> FindAsync(ScheduledWork work, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the schedule of its work.</summary>
    Task SaveAsync(Schedule schedule, CancellationToken cancellationToken);

    /// <summary>Removes the schedule and its slots (its work was removed).</summary>
    Task DeleteAsync(ScheduledWork work, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a slot: true when this call stored it, false when it was claimed before (by this instance before a restart,
    /// or by another instance). A cron slot (<paramref name="isCron"/>) also moves
    /// the schedule's <see cref="Schedule.LastSlotAt"/> to the slot, only if it still holds <paramref name="previousCronSlot"/>:
    /// two instances counting missed slots from the same point never both claim.
    /// </summary>
    Task<bool> TryClaimAsync(ScheduleSlot slot, bool isCron, DateTimeOffset? previousCronSlot, CancellationToken cancellationToken);

    /// <summary>Records what became of a claimed slot (started, or skipped with the reason).</summary>
    Task CompleteAsync(ScheduledWork work, string key, ScheduleSlotOutcome outcome, string detail, CancellationToken cancellationToken);

    /// <summary>The schedule's latest slots, newest first.</summary>
    Task<IReadOnlyList<ScheduleSlot>> ListSlotsAsync(ScheduledWork work, int limit, CancellationToken cancellationToken);

    /// <summary>Slots claimed but whose run was never recorded as created (Herald stopped in between), claimed before <paramref name="claimedBefore"/>.</summary>
    Task<IReadOnlyList<ScheduleSlot>> ListUnfinishedClaimsAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken);

    /// <summary>The slot whose run this is; null for a run no schedule started.</summary>
    Task<ScheduleSlot?> FindSlotOfRunAsync(Guid runId, CancellationToken cancellationToken);
}
