namespace Herald.Core.Alerts;

/// <summary>Where a queued alert is: waiting for its next attempt, delivered, or given up after the last attempt. Stored as lowercase text.</summary>
public enum AlertDeliveryState
{
    Pending,
    Delivered,
    GaveUp,
}
