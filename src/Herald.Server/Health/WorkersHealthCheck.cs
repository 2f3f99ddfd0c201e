using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>
/// Every background service (the run workers, the report deadline sweeper, the session recorder) is still
/// running: one that stopped on an error leaves runs waiting forever while the API still answers.
/// </summary>
internal sealed class WorkersHealthCheck(IEnumerable<IHostedService> services, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Herald is still starting."));
        }
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Herald is stopping."));
        }
        var stopped = services.OfType<BackgroundService>()
            .Where(service => service.ExecuteTask is { IsCompleted: true })
            .Select(service => service.GetType().Name)
            .ToList();
        return Task.FromResult(stopped.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Stopped: {string.Join(", ", stopped)}."));
    }
}
