namespace Herald.Core.Alerts;

/// <summary>How an alert reaches people. Stored as lowercase text.</summary>
public enum AlertChannelKind
{
    /// <summary>An email through an SMTP server; the secret is the SMTP password (optional).</summary>
    Email,

    /// <summary>A Slack-compatible incoming webhook; the secret is the webhook's URL (whoever has it may post).</summary>
    Slack,

    /// <summary>A JSON body POSTed to a URL, signed with the Standard Webhooks scheme; the secret is the signing secret (<c>whsec_…</c>).</summary>
    Webhook,
}
