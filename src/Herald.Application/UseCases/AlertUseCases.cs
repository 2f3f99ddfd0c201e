// Over 250 lines on purpose: adding, listing, showing, testing and removing alert rules share the rule's validation,
// its secret handling and its audit entry; split by verb, those rules would be repeated in each part.
using System.Net;
using Herald.Application.Access;
using Herald.Application.Alerts;
using Herald.Core.Alerts;
using Herald.Core.Catalog;
using Herald.Core.Network;
using Herald.Core.Ports;
using Microsoft.Extensions.Options;

namespace Herald.Application.UseCases;

/// <summary>
/// Adding, listing, showing, testing and removing alert rules: Herald's rules on channels and targets, for every edge.
/// Reading asks <c>catalog:read</c>; adding, testing and removing ask <c>alert:edit</c> and are audited.
/// </summary>
internal sealed class AlertUseCases(
    IAlertStore alerts, ICatalogStore catalog, AlertSignal signal, IOptions<AlertOptions> options, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Deliveries a rule's page shows.</summary>
    public const int DeliveriesShown = 50;

    private const string WebhookSecretPrefix = "whsec_";

    /// <summary>Every alert rule; empty for a caller without <c>catalog:read</c>, as the catalog's lists are.</summary>
    public async Task<IReadOnlyList<AlertRule>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.Grant.Allows(HeraldActions.CatalogRead) ? await alerts.ListRulesAsync(cancellationToken) : [];

    public async Task<UseCaseResult<AlertRuleDetails>> ShowAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await alerts.FindRuleAsync(key, cancellationToken) is not { } rule)
        {
            return Refusal.NotFound("alert", key);
        }
        return new AlertRuleDetails(rule, await alerts.ListDeliveriesAsync(rule.Id, DeliveriesShown, cancellationToken));
    }

    public async Task<UseCaseResult<AlertRule>> AddAsync(Caller caller, AlertRuleDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.AlertEdit, "add alert rule", draft.Name, null, await AddUnauditedAsync(caller, draft, cancellationToken), Audited);

    private async Task<UseCaseResult<AlertRule>> AddUnauditedAsync(Caller caller, AlertRuleDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.AlertEdit) is { } denied)
        {
            return denied;
        }
        var problems = CatalogRules.CheckCatalogName(draft.Name, "alert rule").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        var (scope, subjectId, subjectName) = await ResolveScopeAsync(draft, problems, cancellationToken);
        var kinds = ResolveKinds(draft, problems);
        if (draft.InvalidShareThreshold is { } threshold && (double.IsNaN(threshold) || threshold is <= 0 or >= 1))
        {
            problems.Add(new FieldProblem(nameof(draft.InvalidShareThreshold),
                $"The invalid share threshold {threshold} must be between 0 and 1 (exclusive), such as 0.1 to alert when more than a tenth of the values are invalid."));
        }
        var (channel, webhookUrl, email, slackHost, secret) = ResolveChannel(draft, problems);
        if (problems.Count > 0)
        {
            return Refusal.Invalid("alert rule", problems);
        }
        if (await alerts.FindRuleAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"An alert rule named '{draft.Name}' exists already; choose another name, or remove that one.") with { Subject = "alert" };
        }
        if ((await alerts.ListRulesAsync(cancellationToken)).Count >= options.Value.MaxRules)
        {
            return Refusal.Rule($"Herald keeps at most {options.Value.MaxRules} alert rules (Herald:Alerts:MaxRules); remove one first.");
        }
        var rule = new AlertRule(Guid.NewGuid(), draft.Name!.Trim(), scope, subjectId, subjectName, kinds, draft.InvalidShareThreshold,
            channel, webhookUrl, email, slackHost, clock.GetUtcNow());
        await alerts.AddRuleAsync(rule, secret, cancellationToken);
        return rule;
    }

    public async Task<UseCaseResult<AlertRule>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.AlertEdit, "remove alert rule", key,
            await alerts.FindRuleAsync(key, cancellationToken) is { } before ? Audited(before) : null, await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<AlertRule>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.AlertEdit) is { } denied)
        {
            return denied;
        }
        if (await alerts.FindRuleAsync(key, cancellationToken) is not { } rule)
        {
            return Refusal.NotFound("alert", key);
        }
        await alerts.DeleteRuleAsync(rule.Id, cancellationToken);
        return rule;
    }

    /// <summary>Queues a test alert through the rule's channel; its delivery shows on the rule's page like any other.</summary>
    public async Task<UseCaseResult<AlertDelivery>> TestAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.AlertEdit, "test alert rule", key, null, await TestUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<AlertDelivery>> TestUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.AlertEdit) is { } denied)
        {
            return denied;
        }
        if (await alerts.FindRuleAsync(key, cancellationToken) is not { } rule)
        {
            return Refusal.NotFound("alert", key);
        }
        var now = clock.GetUtcNow();
        var message = new AlertMessage(rule.Kinds[0], false, $"alert rule '{rule.Name}' (test by {caller.Name})", null, AlertTexts.Test(rule.Name), now);
        var delivery = new AlertDelivery(Guid.NewGuid(), rule.Id, message, AlertDeliveryState.Pending, now, now, []);
        await alerts.EnqueueAsync(delivery, cancellationToken);
        signal.Pulse();
        return delivery;
    }

    // What the audit log keeps of a rule: never its target, since a webhook's URL may carry a token in its query.
    private static object Audited(AlertRule rule) => new { rule.Id, rule.Name, Scope = rule.Scope.ToString(), rule.SubjectName, Kinds = rule.Kinds.Select(k => k.ToString()), Channel = rule.Channel.ToString() };

    private async Task<(AlertScope Scope, Guid? SubjectId, string? SubjectName)> ResolveScopeAsync(
        AlertRuleDraft draft, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        switch (draft.Scope?.Trim().ToLowerInvariant())
        {
            case null or "" or "global":
                if (!string.IsNullOrWhiteSpace(draft.Subject))
                {
                    problems.Add(new FieldProblem(nameof(draft.Subject), "A global rule watches every run: leave the subject out, or choose the scope orchestration or destination."));
                }
                return (AlertScope.Global, null, null);
            case "orchestration":
                if (string.IsNullOrWhiteSpace(draft.Subject) || await catalog.FindOrchestrationAsync(draft.Subject, cancellationToken) is not { } orchestration)
                {
                    problems.Add(new FieldProblem(nameof(draft.Subject), $"No orchestration named '{draft.Subject}': name the orchestration the rule watches."));
                    return (AlertScope.Orchestration, null, null);
                }
                return (AlertScope.Orchestration, orchestration.Id, orchestration.Name);
            case "destination":
                if (string.IsNullOrWhiteSpace(draft.Subject) || await catalog.FindDestinationAsync(draft.Subject, cancellationToken) is not { } destination)
                {
                    problems.Add(new FieldProblem(nameof(draft.Subject), $"No destination named '{draft.Subject}': name the destination the rule watches."));
                    return (AlertScope.Destination, null, null);
                }
                return (AlertScope.Destination, destination.Id, destination.Name);
            default:
                problems.Add(new FieldProblem(nameof(draft.Scope), $"The scope '{draft.Scope}' is not one Herald knows: choose global, orchestration or destination."));
                return (AlertScope.Global, null, null);
        }
    }

    private static IReadOnlyList<AlertKind> ResolveKinds(AlertRuleDraft draft, List<FieldProblem> problems)
    {
        if (draft.Kinds is not { Count: > 0 } names)
        {
            return AlertKinds.All;
        }
        var kinds = new List<AlertKind>();
        foreach (var name in names.Take(AlertKinds.All.Count + 1))
        {
            if (AlertKinds.TryParse(name, out var kind))
            {
                if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
            else
            {
                problems.Add(new FieldProblem(nameof(draft.Kinds),
                    $"The alert kind '{Shorten(name)}' is not one Herald knows: choose from {string.Join(", ", AlertKinds.All.Select(k => k.ToWireName()))}."));
            }
        }
        return kinds;
    }

    private (AlertChannelKind Channel, Uri? WebhookUrl, EmailSettings? Email, string? SlackHost, string? Secret) ResolveChannel(
        AlertRuleDraft draft, List<FieldProblem> problems)
    {
        switch (draft.Channel?.Trim().ToLowerInvariant())
        {
            case "slack":
                var slack = CheckUrl(draft.Url, "Slack incoming webhook", problems);
                return (AlertChannelKind.Slack, null, null, slack?.Host, slack?.AbsoluteUri);
            case "webhook":
                var url = CheckUrl(draft.Url, "webhook", problems);
                CheckSigningSecret(draft.SigningSecret, problems);
                return (AlertChannelKind.Webhook, url, null, null, draft.SigningSecret?.Trim());
            case "email":
                var email = CheckEmail(draft, problems);
                return (AlertChannelKind.Email, null, email, null, string.IsNullOrEmpty(draft.SmtpPassword) ? null : draft.SmtpPassword);
            default:
                problems.Add(new FieldProblem(nameof(draft.Channel), $"The channel '{Shorten(draft.Channel)}' is not one Herald knows: choose email, slack or webhook."));
                return default;
        }
    }

    /// <summary>A target Herald will POST to: absolute https (http only with insecure targets allowed), no credentials in it, no internal literal address.</summary>
    private Uri? CheckUrl(string? text, string what, List<FieldProblem> problems)
    {
        var insecure = options.Value.AllowInsecureTargets;
        if (string.IsNullOrWhiteSpace(text) || text.Length > AlertRules.MaxAddressLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && !(insecure && url.Scheme == Uri.UriSchemeHttp)))
        {
            // The URL may be a secret (Slack's): the problem does not repeat it.
            problems.Add(new FieldProblem("Url", $"The {what} URL must be an absolute https:// URL of at most {AlertRules.MaxAddressLength} characters."));
            return null;
        }
        if (url.UserInfo.Length > 0)
        {
            problems.Add(new FieldProblem("Url", $"The {what} URL must not carry a user name or password."));
            return null;
        }
        if (!insecure && (url.IsLoopback || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && InternalAddresses.IsInternal(address))))
        {
            problems.Add(new FieldProblem("Url", $"The {what} URL points at an internal address (loopback, link-local or private network); Herald posts alerts only to public hosts."));
            return null;
        }
        return url;
    }

    private static void CheckSigningSecret(string? secret, List<FieldProblem> problems)
    {
        const string advice = "The signing secret must be 'whsec_' followed by the base64 of 24 to 64 random bytes, as Standard Webhooks libraries generate.";
        if (string.IsNullOrWhiteSpace(secret) || !secret.Trim().StartsWith(WebhookSecretPrefix, StringComparison.Ordinal))
        {
            problems.Add(new FieldProblem("SigningSecret", advice));
            return;
        }
        var bytes = new byte[96];
        if (!Convert.TryFromBase64String(secret.Trim()[WebhookSecretPrefix.Length..], bytes, out var length) || length is < 24 or > 64)
        {
            problems.Add(new FieldProblem("SigningSecret", advice));
        }
    }

    private EmailSettings? CheckEmail(AlertRuleDraft draft, List<FieldProblem> problems)
    {
        var before = problems.Count;
        var to = (draft.EmailTo ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (to.Count is 0 or > AlertRules.MaxRecipients)
        {
            problems.Add(new FieldProblem("EmailTo", $"Name 1 to {AlertRules.MaxRecipients} recipients' addresses."));
        }
        foreach (var address in to.Take(AlertRules.MaxRecipients).Append(draft.EmailFrom?.Trim() ?? "").Where(a => !LooksLikeAddress(a)))
        {
            problems.Add(new FieldProblem("EmailTo", $"'{Shorten(address)}' is not an email address such as ops@example.com (the sender's address is required too)."));
        }
        if (string.IsNullOrWhiteSpace(draft.SmtpHost) || draft.SmtpHost.Length > 253 || Uri.CheckHostName(draft.SmtpHost.Trim()) == UriHostNameType.Unknown)
        {
            problems.Add(new FieldProblem("SmtpHost", "Name the SMTP server's host, such as smtp.example.com."));
        }
        if (draft.SmtpPort is { } port && port is < 1 or > 65535)
        {
            problems.Add(new FieldProblem("SmtpPort", $"The SMTP port {port} must be between 1 and 65535 (465 for implicit TLS, 587 for STARTTLS)."));
        }
        var requireTls = draft.SmtpRequireTls ?? true;
        if (!requireTls && !options.Value.AllowInsecureTargets)
        {
            problems.Add(new FieldProblem("SmtpRequireTls", "Alerts are sent over TLS: an SMTP server without TLS is allowed only with Herald:Alerts:AllowInsecureTargets (tests and development)."));
        }
        if (draft.SmtpUser is { Length: > 256 })
        {
            problems.Add(new FieldProblem("SmtpUser", "The SMTP user name is longer than 256 characters."));
        }
        return problems.Count > before ? null
            : new EmailSettings(to, draft.EmailFrom!.Trim(), draft.SmtpHost!.Trim(), draft.SmtpPort ?? 587, string.IsNullOrWhiteSpace(draft.SmtpUser) ? null : draft.SmtpUser.Trim(), requireTls);
    }

    private static bool LooksLikeAddress(string address) =>
        address.Length is > 2 and <= 254 && address.IndexOf('@') is > 0 and var at && at < address.Length - 1 && address.LastIndexOf('@') == at
        && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"');

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
