using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Simulator.Tests.Support;

/// <summary>
/// Plays Herald's side of the exchange on its own Kestrel: hosts the CSV files the simulator downloads and receives
/// its callbacks. Kept apart from the simulator on purpose: a file the simulator served itself would prove nothing.
/// </summary>
internal sealed class HeraldStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (int Status, string Content)> files = new();
    private readonly ConcurrentQueue<int> callbackAnswers = new();
    private readonly List<ReceivedCallback> callbacks = [];
    private readonly Lock gate = new();
    private TaskCompletionSource callbackArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeraldStandIn(WebApplication app)
    {
        this.app = app;
        app.MapGet("/files/{name}", (string name) => files.TryGetValue(name, out var file)
            ? Results.Text(file.Content, "text/csv; charset=utf-8", Encoding.UTF8, file.Status)
            : Results.NotFound());
        app.MapPost("/callbacks/{**rest}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = callbackAnswers.TryDequeue(out var queued) ? queued : StatusCodes.Status200OK;
            lock (gate)
            {
                callbacks.Add(new ReceivedCallback(request.Path, body, status));
                callbackArrived.TrySetResult();
                callbackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Results.StatusCode(status);
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Where the simulator should post its callbacks.</summary>
    public string CallbackUrl => new Uri(BaseUrl, "/callbacks/run-secret").ToString();

    public IReadOnlyList<ReceivedCallback> Callbacks
    {
        get { lock (gate) { return callbacks.ToArray(); } }
    }

    /// <param name="port">0 for any free port; a given port lets a test start the stand-in late, after the
    /// simulator already tried to reach it.</param>
    public static async Task<HeraldStandIn> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddRoutingCore();
        var standIn = new HeraldStandIn(builder.Build());
        await standIn.app.StartAsync();
        standIn.BaseUrl = new Uri(standIn.app.Urls.First());
        return standIn;
    }

    /// <summary>Hosts a file with exactly these contents.</summary>
    public string HostFile(string content, int status = StatusCodes.Status200OK)
    {
        var name = $"{Guid.NewGuid():N}.csv";
        files[name] = (status, content);
        return new Uri(BaseUrl, $"/files/{name}").ToString();
    }

    /// <summary>Hosts a file in the contract's format: one value per line, each ended by '\n'.</summary>
    public string HostValues(params string[] values) => HostFile(string.Concat(values.Select(value => value + "\n")));

    /// <summary>A file URL that answers 403, like a signed URL past its expiry.</summary>
    public string ExpiredFileUrl() => HostFile("", StatusCodes.Status403Forbidden);

    /// <summary>The next callbacks are answered with these statuses, in order; later ones with 200.</summary>
    public void AnswerCallbacksWith(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            callbackAnswers.Enqueue(status);
        }
    }

    public async Task<IReadOnlyList<ReceivedCallback>> WaitForCallbacksAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task arrived;
            lock (gate)
            {
                if (callbacks.Count >= count)
                {
                    return callbacks.ToArray();
                }

                arrived = callbackArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} callbacks, received {Callbacks.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
