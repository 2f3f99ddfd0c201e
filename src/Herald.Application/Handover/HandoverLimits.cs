namespace Herald.Application.Handover;

/// <summary>How long a hand-over link may live at most (Herald:Access:MaxHandoverHours, validated at start-up).</summary>
public sealed record HandoverLimits(int MaxHours)
{
    public const int DefaultMaxHours = 168;
}
