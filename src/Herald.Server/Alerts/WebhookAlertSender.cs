using System.Text.Json;
using Herald.Core.Alerts;
using Herald.Core.Ports;

namespace Herald.Server.Alerts;

/// <summary>
/// Posts an alert as JSON in the Standard Webhooks shape (<c>type</c>, <c>timestamp</c>, <c>data</c>), signed with the rule's
/// secret (<see cref="StandardWebhookSignature"/>). The webhook id is the delivery's id on every attempt, so a receiver drops repeats.
/// </summary>
internal sealed class WebhookAlertSender(AlertPoster poster, TimeProvider clock) : IAlertSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AlertChannelKind Channel => AlertChannelKind.Webhook;

    public Task SendAsync(AlertRule rule, string? secret, Guid deliveryId, AlertMessage message, CancellationToken cancellationToken)
    {
        if (secret is null || rule.WebhookUrl is null)
        {
            throw new AlertSendException("The webhook channel's URL or signing secret is missing from the store; remove the rule and add it again.");
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = $"herald.alert.{message.EventType}",
            timestamp = message.At,
            data = new
            {
                rule = rule.Name,
                kind = message.Kind.ToWireName(),
                recovered = message.Recovered,
                subject = message.Subject,
                runId = message.RunId,
                title = message.Title,
                text = message.Text,
            },
        }, Json);
        var headers = StandardWebhookSignature.Headers(secret, $"msg_{deliveryId:N}", clock.GetUtcNow(), body);
        return poster.PostAsync(rule.WebhookUrl, body, headers, cancellationToken);
    }
}
