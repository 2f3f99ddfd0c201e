using System.Text;

namespace Herald.Simulator.Api;

/// <summary>Reads an API request's body as text, up to a size no real request comes near.</summary>
internal static class RequestBodyReader
{
    private const int MaxChars = 1024 * 1024;

    /// <returns>The body, or null when it is longer than any valid payload could be.</returns>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var buffer = new char[16 * 1024];
        var body = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Append(buffer, 0, read);
            if (body.Length > MaxChars)
            {
                return null;
            }
        }

        return body.ToString();
    }
}
