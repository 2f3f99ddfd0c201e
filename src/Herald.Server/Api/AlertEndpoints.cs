using Herald.Application.UseCases;
using Herald.Core.Alerts;

namespace Herald.Server.Api;

/// <summary><c>/api/alerts</c>: alert rules, their deliveries, and a test alert. Thin: the use cases decide.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");

        group.MapGet("/", async (HttpContext http, AlertUseCases alerts, CancellationToken ct) =>
            Results.Ok((await alerts.ListAsync(Callers.Api(http), ct)).Select(rule => rule.ToView(HasSecret(rule)))))
            .WithSummary("List alert rules (channel secrets are never shown)").Produces<AlertView[]>();

        group.MapGet("/{key}", async (string key, HttpContext http, AlertUseCases alerts, CancellationToken ct) =>
        {
            var shown = await alerts.ShowAsync(Callers.Api(http), key, ct);
            return shown.Succeeded ? Results.Ok(shown.Value.ToView(HasSecret(shown.Value.Rule))) : ApiResults.From(shown.Refusal);
        }).WithSummary("Show an alert rule with its latest deliveries and every attempt").Produces<AlertDetailsView>().Problems(404);

        group.MapPost("/", async (AlertInput input, HttpContext http, AlertUseCases alerts, CancellationToken ct) =>
        {
            var added = await alerts.AddAsync(Callers.Api(http), ToDraft(input), ct);
            return added.Succeeded
                ? Results.Created($"/api/alerts/{added.Value.Name}", added.Value.ToView(HasSecret(added.Value)))
                : ApiResults.From(added.Refusal);
        }).WithSummary("Add an alert rule (its channel secret is stored encrypted)").Produces<AlertView>(201).Problems(400, 409);

        group.MapDelete("/{key}", async (string key, HttpContext http, AlertUseCases alerts, CancellationToken ct) =>
        {
            var removed = await alerts.RemoveAsync(Callers.Api(http), key, ct);
            return removed.Succeeded ? Results.NoContent() : ApiResults.From(removed.Refusal);
        }).WithSummary("Remove an alert rule and its history").Produces(204).Problems(404);

        group.MapPost("/{key}/test", async (string key, HttpContext http, AlertUseCases alerts, CancellationToken ct) =>
        {
            var queued = await alerts.TestAsync(Callers.Api(http), key, ct);
            return queued.Succeeded ? Results.Accepted($"/api/alerts/{key}", queued.Value.ToView()) : ApiResults.From(queued.Refusal);
        }).WithSummary("Queue a test alert through the rule's channel").Produces<AlertDeliveryView>(202).Problems(404);
    }

    public static AlertRuleDraft ToDraft(AlertInput input) => new(
        input.Name, input.Scope, input.Subject, input.Kinds, input.InvalidShareThreshold, input.Channel, input.Url, input.SigningSecret,
        input.EmailTo, input.EmailFrom, input.SmtpHost, input.SmtpPort, input.SmtpUser, input.SmtpPassword, input.SmtpRequireTls);

    /// <summary>Whether the channel holds a secret: Slack and webhook channels always, email when it authenticates.</summary>
    public static bool HasSecret(AlertRule rule) => rule.Channel != AlertChannelKind.Email || rule.Email?.UserName is not null;
}
