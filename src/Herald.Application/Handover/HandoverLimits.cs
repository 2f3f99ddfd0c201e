namespace Herald.Application.Handover;

/// <summary>
/// How long a hand-over link may live at most (Herald:Access:MaxHandoverHours), and how long a used or expired one is
/// kept afterwards (Herald:Access:HandoverRetentionHours), both validated at start-up.
/// </summary>
public sealed record HandoverLimits(int MaxHours, int RetentionHours = HandoverLimits.DefaultRetentionHours)
{
    public const int DefaultMaxHours = 168;

    /// <summary>30 days: long enough for the requester to see that and when the link was used.</summary>
    public const int DefaultRetentionHours = 720;

    /// <summary>The most a link is kept, one year: the table is read whole when links are listed.</summary>
    public const int MaxRetentionHours = 24 * 366;
}
