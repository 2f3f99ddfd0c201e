namespace Herald.Server.Api;

// The alert API's messages (herald alert ..., the Alerts page). Channel secrets (the Slack URL, the signing secret, the
// SMTP password) travel in, never out: a view says only whether the rule holds one.

/// <param name="Scope"><c>global</c> (default), <c>orchestration</c> or <c>destination</c>.</param>
/// <param name="Subject">The orchestration's or destination's name for those scopes.</param>
/// <param name="Kinds"><c>run-failed</c>, <c>report-late</c>, <c>shrink-guard</c>, <c>invalid-share</c>, <c>schedule-paused</c>; empty for all.</param>
/// <param name="InvalidShareThreshold">For <c>invalid-share</c>: alert above this share of invalid values (0 to 1); default 0.1.</param>
/// <param name="Channel"><c>email</c>, <c>slack</c> or <c>webhook</c>.</param>
/// <param name="Url">The Slack incoming webhook URL (kept secret), or the generic webhook's https URL.</param>
/// <param name="SigningSecret">The webhook's Standard Webhooks secret (<c>whsec_...</c>).</param>
/// <param name="SmtpPassword">The SMTP password, if the server needs one.</param>
public sealed record AlertInput(
    string Name,
    string? Scope,
    string? Subject,
    IReadOnlyList<string>? Kinds,
    double? InvalidShareThreshold,
    string Channel,
    string? Url = null,
    string? SigningSecret = null,
    IReadOnlyList<string>? EmailTo = null,
    string? EmailFrom = null,
    string? SmtpHost = null,
    int? SmtpPort = null,
    string? SmtpUser = null,
    string? SmtpPassword = null,
    bool? SmtpRequireTls = null);

/// <param name="Target">Where alerts go, without secrets: the webhook URL, the Slack host, or the recipients and SMTP server.</param>
/// <param name="HasSecret">The rule holds a channel secret (never shown).</param>
public sealed record AlertView(
    Guid Id,
    string Name,
    string Scope,
    string? Subject,
    IReadOnlyList<string> Kinds,
    double? InvalidShareThreshold,
    string Channel,
    string Target,
    bool HasSecret,
    DateTimeOffset CreatedAt);

public sealed record AlertDetailsView(AlertView Rule, IReadOnlyList<AlertDeliveryView> Deliveries);

/// <param name="Event">The kind's name, or <c>recovered</c>.</param>
/// <param name="State"><c>pending</c>, <c>delivered</c> or <c>gave_up</c>.</param>
public sealed record AlertDeliveryView(
    Guid Id,
    string Event,
    string Title,
    string Text,
    Guid? RunId,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<AlertAttemptView> Attempts);

/// <param name="Status">The receiver's HTTP status or the SMTP reply code.</param>
public sealed record AlertAttemptView(int Number, DateTimeOffset At, bool Delivered, int? Status, string? Error, long DurationMs);
