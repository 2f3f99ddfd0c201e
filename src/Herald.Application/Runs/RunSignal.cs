namespace Herald.Application.Runs;

/// <summary>Wakes idle workers when a run is created, so a new run starts at once rather than at the next poll.</summary>
/// <remarks>Not sealed: bridge syncs have their own workers, woken by their own signal (<c>BridgeSyncSignal</c>).</remarks>
internal class RunSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Pulse(int workers = 1) => _semaphore.Release(workers);

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
