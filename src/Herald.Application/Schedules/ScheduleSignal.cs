namespace Herald.Application.Schedules;

/// <summary>Wakes the scheduler when a schedule changes, so a new slot is counted at once rather than after the longest sleep.</summary>
internal sealed class ScheduleSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next change; read before a pass, so a change during the pass still wakes the sleep after it.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    public void Pulse() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Sleeps on Herald's clock until <paramref name="delay"/> has passed or <paramref name="change"/> completes.</summary>
    public static async Task SleepAsync(Task change, TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, clock, sleeping.Token);
        await Task.WhenAny(change, timer);
        await sleeping.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
