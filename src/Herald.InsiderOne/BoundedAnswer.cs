using System.Text;

namespace Herald.InsiderOne;

/// <summary>
/// Reads an answer body from Insider One through a bounded buffer, whatever its size, and takes the credential's
/// secret out of it before anything records or shows it (an error message may echo the token).
/// </summary>
internal static class BoundedAnswer
{
    /// <summary>The bytes of an answer Herald reads; Insider One's answers are a few hundred bytes of JSON.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> of the body (the rest is never read), redacts <paramref name="secret"/>,
    /// and puts the text back as the response's content, so later readers see the same bounded, redacted answer.
    /// </summary>
    public static async Task<string> ReplaceAsync(HttpResponseMessage response, int maxBytes, string secret, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var length = 0;
        var cut = false;
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            int read;
            while (length < maxBytes && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
            cut = length == maxBytes && await body.ReadAsync(new byte[1], cancellationToken) > 0;
        }
        var text = TokenRedaction.Redact(Encoding.UTF8.GetString(buffer, 0, length), secret);
        if (cut)
        {
            text += $"… (answer cut at {maxBytes:N0} bytes)";
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "text/plain";
        response.Content.Dispose();
        response.Content = new StringContent(text, Encoding.UTF8, mediaType);
        return text;
    }
}
