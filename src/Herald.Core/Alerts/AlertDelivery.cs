namespace Herald.Core.Alerts;

/// <summary>One alert queued for one rule's channel, with every attempt at delivering it.</summary>
/// <param name="NextAttemptAt">When the next attempt is due; null once delivered or given up.</param>
public sealed record AlertDelivery(
    Guid Id,
    Guid RuleId,
    AlertMessage Message,
    AlertDeliveryState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<AlertDeliveryAttempt> Attempts);
