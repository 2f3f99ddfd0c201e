namespace Herald.Application.Alerts;

/// <summary>Wakes the delivery worker when an alert is queued, so it goes out at once rather than at the next poll.</summary>
internal sealed class AlertSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Pulse() => _semaphore.Release();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the caller's loop sees the token.
        }
    }
}
