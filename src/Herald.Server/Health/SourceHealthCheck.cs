using Herald.Core.Ports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>The customer 360 opens and answers a query, through the same read-only session runs use.</summary>
internal sealed class SourceHealthCheck(IAudienceSource source) : IHealthCheck
{
    private readonly SharedProbe _probe = new(async cancellationToken =>
    {
        var preview = await source.PreviewAsync("SELECT 1 AS reachable", 1, cancellationToken);
        return preview.Rows.Count == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The source answered no row.");
    });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _probe.RunAsync();
}
