namespace Herald.Core.Schedules;

/// <summary>What became of a claimed slot. Stored as lowercase text.</summary>
public enum ScheduleSlotOutcome
{
    /// <summary>Claimed, its run not yet created (Herald stopped in between: the run is created with the claimed id on the next pass).</summary>
    Claimed,

    /// <summary>Its run was created.</summary>
    Started,

    /// <summary>Not run: the destination's previous run was still in flight, or the work could not start (the detail says why).</summary>
    Skipped,
}
