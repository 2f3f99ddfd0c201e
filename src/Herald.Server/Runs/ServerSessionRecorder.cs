using Herald.Core.Ports;
using Herald.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Server.Runs;

/// <summary>
/// Records when this server runs (its start, a sign of life every deadline sweep, its orderly stop), so that a run
/// whose report never came can say when Herald was unreachable.
/// </summary>
internal sealed class ServerSessionRecorder(
    IServerSessionStore sessions,
    IOptions<HeraldOptions> options,
    TimeProvider clock,
    ILogger<ServerSessionRecorder> logger) : BackgroundService
{
    private readonly Guid _session = Guid.NewGuid();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await sessions.StartAsync(_session, clock.GetUtcNow(), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await sessions.StopAsync(_session, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The last sign of life stands in for the stop.
            logger.LogWarning(exception, "Could not record the server's stop");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Workers.DeadlineSweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sessions.MarkAliveAsync(_session, clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not record that the server is up");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
