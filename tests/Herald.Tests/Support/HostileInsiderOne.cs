using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Support;

/// <summary>
/// An Insider One that answers whatever a test tells it to, over real HTTP on loopback: a download answer pointing
/// anywhere, files that redirect or never end, answers of any size. It records the uploads Herald makes.
/// </summary>
public sealed class HostileInsiderOne : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _uploads;

    private HostileInsiderOne(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Answers <c>POST /fps/v1/download</c>; by default "segment not found".</summary>
    public Func<HttpContext, Task> Download { get; set; } = context => Results.Json(new { statusMessage = "segment not found" }, statusCode: 404).ExecuteAsync(context);

    /// <summary>Answers <c>POST /fps/v1/upload</c>; by default a plain refusal.</summary>
    public Func<HttpContext, Task> Upload { get; set; } = context => Results.Json(new { statusMessage = "refused" }, statusCode: 400).ExecuteAsync(context);

    /// <summary>Answers <c>GET /files/{name}</c> on this server's own origin.</summary>
    public Func<HttpContext, Task> File { get; set; } = context => Results.Text("someone@example.com\n").ExecuteAsync(context);

    public int Uploads => Volatile.Read(ref _uploads);

    /// <summary>A download answer handing out this file URL.</summary>
    public static Func<HttpContext, Task> HandsOut(string fileUrl) => context => Results.Json(new { fileUrl }).ExecuteAsync(context);

    /// <summary>A body that never ends, written until the reader goes away.</summary>
    public static async Task EndlessAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // Herald stopped reading, as it should.
        }
    }

    public static async Task<HostileInsiderOne> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        var app = builder.Build();
        HostileInsiderOne? hostile = null;
        app.MapPost("/fps/v1/download", (HttpContext context) => hostile!.Download(context));
        app.MapPost("/fps/v1/upload", (HttpContext context) =>
        {
            Interlocked.Increment(ref hostile!._uploads);
            return hostile.Upload(context);
        });
        app.MapGet("/files/{name}", (HttpContext context) => hostile!.File(context));
        await app.StartAsync();
        var address = app.Urls.First();
        hostile = new HostileInsiderOne(app, new Uri(address.TrimEnd('/') + "/"));
        return hostile;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
