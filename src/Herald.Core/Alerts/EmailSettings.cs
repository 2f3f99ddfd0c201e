namespace Herald.Core.Alerts;

/// <summary>Where and how an email channel sends; the SMTP password is the channel's secret, stored apart and encrypted.</summary>
/// <param name="To">The recipients' addresses (at most <see cref="AlertRules.MaxRecipients"/>).</param>
/// <param name="From">The sender's address.</param>
/// <param name="Host">The SMTP server's host name.</param>
/// <param name="Port">The SMTP server's port: 465 (implicit TLS), 587 (STARTTLS) or 25.</param>
/// <param name="UserName">The SMTP user name; null to send without authenticating.</param>
/// <param name="RequireTls">TLS required (implicit on 465, STARTTLS otherwise); only a rule made with insecure targets allowed may turn it off.</param>
public sealed record EmailSettings(IReadOnlyList<string> To, string From, string Host, int Port, string? UserName, bool RequireTls = true);
