namespace Herald.Core.Schedules;

/// <summary>Whether a schedule starts runs. Stored as lowercase text.</summary>
public enum ScheduleState
{
    /// <summary>Starts runs when its trigger fires.</summary>
    Active,

    /// <summary>Starts none until resumed: paused by a person, or by Herald after runs failed in a row (the reason says which).</summary>
    Paused,
}
