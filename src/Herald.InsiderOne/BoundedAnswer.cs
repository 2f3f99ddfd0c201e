using Herald.Core.Secrets;
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
        // A pooled buffer: most answers are a few hundred bytes, and hundreds of submissions a second each need one.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        string text;
        bool cut;
        try
        {
            var length = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                int read;
                // One byte past the limit tells a body cut from one that fits exactly.
                while (length <= maxBytes && (read = await body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
                {
                    length += read;
                }
            }
            cut = length > maxBytes;
            text = SecretRedaction.Redact(Encoding.UTF8.GetString(buffer, 0, Math.Min(length, maxBytes)), secret);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
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
