namespace Herald.Application.UseCases;

/// <summary>An alert rule as a person asks for it, before Herald's checks.</summary>
/// <param name="Scope"><c>global</c> (default), <c>orchestration</c> or <c>destination</c>.</param>
/// <param name="Subject">The orchestration's or destination's name, for those scopes.</param>
/// <param name="Kinds">The kinds watched (<c>run-failed</c>, <c>report-late</c>, <c>shrink-guard</c>, <c>invalid-share</c>, <c>schedule-paused</c>); empty for all.</param>
/// <param name="InvalidShareThreshold">For <c>invalid-share</c>: the share of invalid values (0 to 1, exclusive) above which to alert; default 0.1.</param>
/// <param name="Channel"><c>email</c>, <c>slack</c> or <c>webhook</c>.</param>
/// <param name="Url">The Slack incoming webhook's URL (a secret), or the generic webhook's URL.</param>
/// <param name="SigningSecret">The generic webhook's Standard Webhooks secret, <c>whsec_</c> and base64 of 24 to 64 random bytes.</param>
/// <param name="SmtpPassword">The email channel's SMTP password (a secret); null to send without authenticating.</param>
public sealed record AlertRuleDraft(
    string? Name,
    string? Scope,
    string? Subject,
    IReadOnlyList<string>? Kinds,
    double? InvalidShareThreshold,
    string? Channel,
    string? Url = null,
    string? SigningSecret = null,
    IReadOnlyList<string>? EmailTo = null,
    string? EmailFrom = null,
    string? SmtpHost = null,
    int? SmtpPort = null,
    string? SmtpUser = null,
    string? SmtpPassword = null,
    bool? SmtpRequireTls = null);
