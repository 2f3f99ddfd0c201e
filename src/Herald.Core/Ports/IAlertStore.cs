using Herald.Core.Alerts;

namespace Herald.Core.Ports;

/// <summary>
/// Alert rules, the last state each rule saw of each subject, and the queue of deliveries with their attempts. The
/// state and the delivery it causes are written together, so a restart neither forgets a failure nor alerts twice.
/// </summary>
public interface IAlertStore
{
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken);

    /// <summary>The rule with this name (case-insensitive) or id; null when none.</summary>
    Task<AlertRule?> FindRuleAsync(string nameOrId, CancellationToken cancellationToken);

    /// <summary>Adds a rule; its channel secret (SMTP password, Slack URL, signing secret) is encrypted before it is stored.</summary>
    Task AddRuleAsync(AlertRule rule, string? secret, CancellationToken cancellationToken);

    /// <summary>Removes a rule with its states and deliveries.</summary>
    Task DeleteRuleAsync(Guid ruleId, CancellationToken cancellationToken);

    /// <summary>The decrypted channel secret, read only at the moment a delivery is sent; null when the channel has none.</summary>
    Task<string?> RevealSecretAsync(Guid ruleId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the rule's last state of <paramref name="subjectKey"/> (<see cref="AlertSubjects.Ok"/> when never seen), asks
    /// <paramref name="decide"/> for the next state and the delivery it causes, and writes both in one transaction.
    /// Returns the delivery queued, if any.
    /// </summary>
    Task<AlertDelivery?> TransitionAsync(
        Guid ruleId, string subjectKey, DateTimeOffset at, Func<string, (string NextState, AlertDelivery? Delivery)> decide, CancellationToken cancellationToken);

    /// <summary>Queues a delivery without touching any state (a test alert).</summary>
    Task EnqueueAsync(AlertDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AlertDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due delivery for one attempt by moving its next-attempt time from <paramref name="due"/> to
    /// <paramref name="leaseUntil"/>; false when another worker claimed it first.
    /// </summary>
    Task<bool> TryClaimAsync(Guid deliveryId, DateTimeOffset due, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records an attempt and the delivery's new state; <paramref name="nextAttemptAt"/> is null unless still pending.</summary>
    Task RecordAttemptAsync(Guid deliveryId, AlertDeliveryAttempt attempt, AlertDeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>A rule's deliveries, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(Guid ruleId, int limit, CancellationToken cancellationToken);
}
