namespace Herald.Tests.Shared;

/// <summary>
/// Waits for something another process or thread makes true (a segment processed, a request sent), looking again
/// every few milliseconds: the wait ends as soon as it is true, and a condition that never comes true fails the test
/// saying which. Never a wait for time to pass; a timing goal belongs in bench/.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(20);

    /// <param name="what">The condition in words, for the failure message ("the segment is processed").</param>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(condition, done => done, _ => $"but {what} did not come true.", timeout);

    /// <summary>
    /// Reads until what was read is <paramref name="done"/>, and returns it (a run once final, an answer once it has
    /// the wanted status). On timeout the message describes the last value read.
    /// </summary>
    /// <param name="describeLast">The last value in words, for the failure message ("run 1 is still building: ...").</param>
    /// <param name="poll">How long to wait between reads; longer for reads that cost a request.</param>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, Func<T, string> describeLast, TimeSpan? timeout = null, TimeSpan? poll = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            try
            {
                await Task.Delay(poll ?? DefaultPoll, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s, {describeLast(value)}");
            }
        }
    }
}
