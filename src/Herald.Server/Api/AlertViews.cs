using Herald.Application.UseCases;
using Herald.Core.Alerts;

namespace Herald.Server.Api;

/// <summary>Alert rules and deliveries as the API, the CLI and the Alerts page show them: never a channel secret.</summary>
internal static class AlertViews
{
    public static AlertView ToView(this AlertRule rule, bool hasSecret) => new(
        rule.Id,
        rule.Name,
        rule.Scope.ToString().ToLowerInvariant(),
        rule.SubjectName,
        [.. rule.Kinds.Select(k => k.ToWireName())],
        rule.InvalidShareThreshold,
        rule.Channel.ToString().ToLowerInvariant(),
        TargetOf(rule),
        hasSecret,
        rule.CreatedAt);

    public static AlertDetailsView ToView(this AlertRuleDetails details, bool hasSecret) =>
        new(details.Rule.ToView(hasSecret), [.. details.Deliveries.Select(ToView)]);

    public static AlertDeliveryView ToView(this AlertDelivery delivery) => new(
        delivery.Id,
        delivery.Message.EventType,
        delivery.Message.Title,
        delivery.Message.Text,
        delivery.Message.RunId,
        delivery.State == AlertDeliveryState.GaveUp ? "gave_up" : delivery.State.ToString().ToLowerInvariant(),
        delivery.CreatedAt,
        delivery.NextAttemptAt,
        [.. delivery.Attempts.Select(a => new AlertAttemptView(a.Number, a.At, a.Delivered, a.Status, a.Error, a.DurationMs))]);

    private static string TargetOf(AlertRule rule) => rule.Channel switch
    {
        AlertChannelKind.Webhook => rule.WebhookUrl?.AbsoluteUri ?? "",
        AlertChannelKind.Slack => $"Slack webhook on {rule.SlackHost}",
        AlertChannelKind.Email when rule.Email is { } email => $"{string.Join(", ", email.To)} via {email.Host}:{email.Port}",
        _ => "",
    };
}
