namespace Herald.Core.Alerts;

/// <summary>One try at delivering an alert.</summary>
/// <param name="Status">The receiver's HTTP status, or the SMTP server's reply code; null when none came.</param>
/// <param name="Error">What went wrong, cut to a bounded length and free of the channel's secret; null when delivered.</param>
/// <param name="DurationMs">Milliseconds the attempt took.</param>
public sealed record AlertDeliveryAttempt(int Number, DateTimeOffset At, bool Delivered, int? Status, string? Error, long DurationMs);
