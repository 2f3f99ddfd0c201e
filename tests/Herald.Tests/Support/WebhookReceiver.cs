using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Herald.Tests.Support;

/// <summary>
/// An HTTP receiver of alerts on loopback (Kestrel): it verifies each body's Standard Webhooks signature with the
/// StandardWebhooks library, as a user's receiver would, and answers as the test scripts it (errors first, huge answers).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Bodies whose signature the library verified, parsed.</summary>
    public ConcurrentQueue<JsonElement> Verified { get; } = new();

    /// <summary>Every request: its path, its body, and whether its signature verified.</summary>
    public ConcurrentQueue<(string Path, string Body, bool SignatureValid)> Requests { get; } = new();

    /// <summary>The connection each request came on, in order: a client that reads an answer to its end may reuse its connection.</summary>
    public ConcurrentQueue<string> ConnectionIds { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The secret it verifies with (null to accept any body, as a Slack receiver does).</summary>
    public string? Secret { get; init; }

    public static async Task<WebhookReceiver> StartAsync(string? secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { Secret = secret };
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Urls.First());
        return receiver;
    }

    /// <summary>The next request is answered by <paramref name="answer"/> instead of 204 (after its signature is checked).</summary>
    public void ThenAnswer(Func<HttpContext, Task> answer) => _scripted.Enqueue(answer);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var valid = false;
        if (Secret is not null)
        {
            try
            {
                new StandardWebhook(Secret).Verify(body, context.Request.Headers);
                valid = true;
            }
            catch (Exception)
            {
                valid = false;
            }
        }
        Requests.Enqueue((context.Request.Path + context.Request.QueryString, body, valid));
        ConnectionIds.Enqueue(context.Connection.Id);
        if (_scripted.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }
        if (Secret is not null && !valid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        Verified.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
