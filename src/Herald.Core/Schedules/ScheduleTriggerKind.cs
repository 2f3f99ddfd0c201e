namespace Herald.Core.Schedules;

/// <summary>What starts a scheduled run. Stored as lowercase text.</summary>
public enum ScheduleTriggerKind
{
    /// <summary>Only a person (or the API) starts runs.</summary>
    Manual,

    /// <summary>A cron expression read in an IANA time zone.</summary>
    Cron,

    /// <summary>Each time another piece of work (an orchestration) succeeds.</summary>
    After,
}
