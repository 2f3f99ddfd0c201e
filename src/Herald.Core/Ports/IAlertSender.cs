using Herald.Core.Alerts;

namespace Herald.Core.Ports;

/// <summary>Sends one alert through one kind of channel (email, Slack, webhook): one attempt, no retry (the queue retries).</summary>
public interface IAlertSender
{
    AlertChannelKind Channel { get; }

    /// <summary>
    /// Tries once to deliver <paramref name="message"/>. Throws <see cref="AlertSendException"/> when the receiver refused or
    /// could not be reached; the exception's message never holds <paramref name="secret"/>.
    /// </summary>
    /// <param name="deliveryId">The delivery's id, the same on every attempt, so a receiver can drop a repeat.</param>
    Task SendAsync(AlertRule rule, string? secret, Guid deliveryId, AlertMessage message, CancellationToken cancellationToken);
}
