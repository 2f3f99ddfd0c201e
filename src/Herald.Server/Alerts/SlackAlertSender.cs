using System.Text.Json;
using Herald.Core.Alerts;
using Herald.Core.Ports;

namespace Herald.Server.Alerts;

/// <summary>
/// Posts an alert to a Slack-compatible incoming webhook: <c>{"text": ...}</c>, the shape Slack documents for incoming webhooks
/// (https://api.slack.com/messaging/webhooks) and Mattermost, Rocket.Chat and Teams' Slack-compatible hooks accept. The URL is the secret.
/// </summary>
internal sealed class SlackAlertSender(AlertPoster poster) : IAlertSender
{
    public AlertChannelKind Channel => AlertChannelKind.Slack;

    public Task SendAsync(AlertRule rule, string? secret, Guid deliveryId, AlertMessage message, CancellationToken cancellationToken)
    {
        if (secret is null || !Uri.TryCreate(secret, UriKind.Absolute, out var url))
        {
            throw new AlertSendException("The Slack channel's URL is missing from the store; remove the rule and add it again.");
        }
        // Slack reads &, < and > as its own markup: escaped as it asks, so a name cannot ping a channel or fake a link.
        var text = $"*{Escape(message.Title)}*\n{Escape(message.Text)}";
        return poster.PostAsync(url, JsonSerializer.SerializeToUtf8Bytes(new { text }), new Dictionary<string, string>(), cancellationToken);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
