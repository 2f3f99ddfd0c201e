namespace Herald.Core.Alerts;

/// <summary>The stored and displayed names of <see cref="AlertKind"/>, and the sentence each alert starts with.</summary>
public static class AlertKinds
{
    public static readonly IReadOnlyList<AlertKind> All = Enum.GetValues<AlertKind>();

    /// <summary>Lowercase with dashes: <c>run-failed</c>, <c>report-late</c>, <c>shrink-guard</c>, <c>invalid-share</c>, <c>schedule-paused</c>.</summary>
    public static string ToWireName(this AlertKind kind) => kind switch
    {
        AlertKind.RunFailed => "run-failed",
        AlertKind.ReportLate => "report-late",
        AlertKind.ShrinkGuardStopped => "shrink-guard",
        AlertKind.InvalidShareHigh => "invalid-share",
        AlertKind.SchedulePaused => "schedule-paused",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out AlertKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The headline of an alert of this kind.</summary>
    public static string Headline(this AlertKind kind) => kind switch
    {
        AlertKind.RunFailed => "A run failed",
        AlertKind.ReportLate => "Insider One's report is late",
        AlertKind.ShrinkGuardStopped => "The shrink guard stopped a run",
        AlertKind.InvalidShareHigh => "Insider One found too many invalid values",
        AlertKind.SchedulePaused => "A schedule paused itself",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
