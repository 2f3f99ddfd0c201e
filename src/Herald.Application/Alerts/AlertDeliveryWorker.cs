using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Application.Alerts;

/// <summary>Delivers queued alerts in the background: at once when one is queued, and every <see cref="AlertOptions.PollInterval"/> for retries.</summary>
internal sealed class AlertDeliveryWorker(AlertDeliverer deliverer, AlertSignal signal, IOptions<AlertOptions> options, ILogger<AlertDeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await deliverer.DeliverDueAsync(stoppingToken) > 0)
                {
                    // A full batch may leave more due: take them before sleeping.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Could not work the alert delivery queue");
            }
            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }
}
