using System.Text;

namespace Herald.Core.Secrets;

/// <summary>
/// Takes a credential's secret out of text before Herald records or shows it, whatever the text's source (Insider One's
/// answers, its callbacks): an error message that echoes the token must leave no trace of it in a run.
/// </summary>
public static class SecretRedaction
{
    public const string Redacted = "***";

    /// <summary>
    /// The text without the secret, as written, JSON-escaped, URL-encoded, or spelled with JSON escapes of any kind
    /// (<c>\u0073\u0033…</c>, <c>\/</c>): a JSON reader decodes those to the secret, so they are the secret too. When the
    /// secret hides behind escapes, the text comes back decoded, with the secret masked.
    /// </summary>
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
        if (text.Contains('\\', StringComparison.Ordinal) && WithJsonEscapesDecoded(text) is var decoded && decoded.Contains(secret, StringComparison.Ordinal))
        {
            return decoded.Replace(secret, Redacted, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The text with JSON's string escapes decoded wherever they stand; anything else is left as written.</summary>
    private static string WithJsonEscapesDecoded(string text)
    {
        var decoded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                decoded.Append(text[i]);
                continue;
            }
            var next = text[i + 1];
            if (next == 'u' && i + 5 < text.Length && ushort.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                decoded.Append((char)code);
                i += 5;
                continue;
            }
            var simple = next switch { '/' => '/', '\\' => '\\', '"' => '"', 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => (char?)null };
            if (simple is { } character)
            {
                decoded.Append(character);
                i++;
                continue;
            }
            decoded.Append(text[i]);
        }
        return decoded.ToString();
    }
}
