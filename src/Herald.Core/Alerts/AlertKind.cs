namespace Herald.Core.Alerts;

/// <summary>What an alert rule watches for. Stored as text (<see cref="AlertKinds.ToWireName"/>): never rename one.</summary>
public enum AlertKind
{
    /// <summary>A run failed (any failure but the three below, which have kinds of their own).</summary>
    RunFailed,

    /// <summary>Insider One's report did not come before the run's deadline (the deadline sweeper failed the run).</summary>
    ReportLate,

    /// <summary>The shrink guard stopped a run that would have removed too much of the segment.</summary>
    ShrinkGuardStopped,

    /// <summary>A run succeeded, but Insider One reported a larger share of invalid values than the rule's threshold.</summary>
    InvalidShareHigh,

    /// <summary>A schedule paused itself (after failing runs in a row, issue 15's schedules).</summary>
    SchedulePaused,
}
