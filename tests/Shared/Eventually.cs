namespace Herald.Tests.Shared;

/// <summary>
/// Waits for something another process or thread makes true (a segment processed, a request sent), looking again
/// every few milliseconds: the wait ends as soon as it is true, and a condition that never comes true fails the test
/// saying which. Never a wait for time to pass; a timing goal belongs in bench/.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <param name="what">The condition in words, for the failure message ("the segment is processed").</param>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var expiry = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(Poll, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s, but {what} did not come true.");
            }
        }
    }
}
