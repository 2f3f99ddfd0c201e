namespace Herald.InsiderOne;

/// <summary>
/// Takes a credential's secret out of text before Herald records or shows it, whatever the text's source (Insider One's
/// answers, its callbacks): an error message that echoes the token must leave no trace of it in a run.
/// </summary>
public static class TokenRedaction
{
    public const string Redacted = "***";

    /// <summary>The text without the secret, as written, JSON-escaped or URL-encoded.</summary>
    public static string Redact(string text, string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return text;
        }
        foreach (var form in new[] { secret, System.Text.Json.JsonEncodedText.Encode(secret).ToString(), Uri.EscapeDataString(secret) }.Distinct())
        {
            text = text.Replace(form, Redacted, StringComparison.Ordinal);
        }
        return text;
    }
}
