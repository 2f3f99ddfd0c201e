using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.Server.Health;

/// <summary>
/// One probe at a time: <c>/readyz</c> answers without a key, so callers that ask while a probe is under way
/// share its result instead of each opening the store, the source and the disk again.
/// </summary>
internal sealed class SharedProbe(Func<CancellationToken, Task<HealthCheckResult>> probe)
{
    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _inFlight;

    public Task<HealthCheckResult> RunAsync()
    {
        lock (_lock)
        {
            if (_inFlight is { IsCompleted: false })
            {
                return _inFlight;
            }
            // Not tied to one caller's cancellation: others may be waiting on the same probe.
            _inFlight = ProbeAsync();
            return _inFlight;
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        await Task.Yield();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await probe(timeout.Token);
        }
        catch (Exception exception)
        {
            // The exception goes to the server's log through the health check service, never into the answer.
            return HealthCheckResult.Unhealthy("The probe failed; the server's log has the details.", exception);
        }
    }
}
