using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>
/// The folder Herald serves audience files from takes a new file: a full or read-only disk stops every
/// run at its staging step, so readiness says so first.
/// </summary>
internal sealed class FileHostHealthCheck(string filesDirectory) : IHealthCheck
{
    private readonly SharedProbe _probe = new(async cancellationToken =>
    {
        // A dot-name the file endpoint never serves (it serves only names Herald signed).
        var probePath = Path.Combine(filesDirectory, $".ready-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(filesDirectory);
            await File.WriteAllTextAsync(probePath, "ready", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        finally
        {
            File.Delete(probePath);
        }
    });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _probe.RunAsync();
}
