namespace Herald.Core.Alerts;

/// <summary>
/// Who is told what, and how: the kinds of events a rule watches for over its scope, and one channel. A rule alerts on a
/// change of state only (the first failure, not every failure), and sends a recovery notice when the subject succeeds again.
/// </summary>
/// <param name="SubjectId">The orchestration's or destination's id; null for a global rule.</param>
/// <param name="SubjectName">The orchestration's or destination's name when the rule was made, for display.</param>
/// <param name="InvalidShareThreshold">For <see cref="AlertKind.InvalidShareHigh"/>: the share of invalid values (0 to 1) above which a succeeded run alerts.</param>
/// <param name="WebhookUrl">The generic webhook's URL (not secret: the signature is what a receiver trusts); null for other channels.</param>
/// <param name="Email">The email channel's settings; null for other channels.</param>
/// <param name="SlackHost">The host of a Slack channel's URL, shown in place of the URL (which is the secret).</param>
public sealed record AlertRule(
    Guid Id,
    string Name,
    AlertScope Scope,
    Guid? SubjectId,
    string? SubjectName,
    IReadOnlyList<AlertKind> Kinds,
    double? InvalidShareThreshold,
    AlertChannelKind Channel,
    Uri? WebhookUrl,
    EmailSettings? Email,
    string? SlackHost,
    DateTimeOffset CreatedAt)
{
    public bool Watches(AlertKind kind) => Kinds.Contains(kind);
}
