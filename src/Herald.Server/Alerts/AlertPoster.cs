using System.Net.Http.Headers;
using System.Text;
using Herald.Application.Alerts;
using Herald.Core.Network;
using Herald.Core.Ports;
using Microsoft.Extensions.Options;

namespace Herald.Server.Alerts;

/// <summary>
/// POSTs one JSON body to an alert receiver: a 2xx answer delivers it; anything else (a redirect included) fails the attempt
/// with the status and at most <see cref="AlertOptions.MaxResponseBytes"/> of the receiver's answer, the rest never read.
/// </summary>
internal sealed class AlertPoster(IHttpClientFactory clients, IOptions<AlertOptions> options)
{
    public async Task PostAsync(Uri url, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        // A Slack URL is the channel's secret: it must not reach a trace.
        request.Options.Set(Telemetry.TelemetryServices.Untraced, true);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(AlertConnections.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.InnerException is RefusedAddressException refused)
        {
            throw new AlertSendException(refused.Message);
        }
        catch (HttpRequestException exception)
        {
            // The URL may be the secret (Slack's): say what failed, not where.
            throw new AlertSendException($"The receiver could not be reached: {exception.HttpRequestError}.");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var answer = await ReadStartAsync(response, options.Value.MaxResponseBytes, cancellationToken);
            var redirect = (int)response.StatusCode is >= 300 and < 400 ? " Herald does not follow redirects: give the receiver's final URL." : "";
            throw new AlertSendException($"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.{redirect}" +
                (answer.Length > 0 ? $" It said: {answer}" : ""), (int)response.StatusCode);
        }
    }

    /// <summary>The first bytes of a hostile answer as printable text: control characters dropped, the rest never read.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }
        var text = new StringBuilder();
        foreach (var c in Encoding.UTF8.GetString(buffer, 0, read))
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        return text.ToString().Trim() + (read == buffer.Length ? " …" : "");
    }
}
