using Herald.SnowflakeStandIn.Engine;

namespace Herald.SnowflakeStandIn.State;

/// <summary>A statement (or a multi-statement request, with its children) from submission to its end. Its outcome
/// is set once; <see cref="Done"/> completes then.</summary>
internal sealed class StatementRecord(string handle, string? requestId, DateTimeOffset createdOn)
{
    private int timedOut;

    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Handle { get; } = handle;

    public string? RequestId { get; } = requestId;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    /// <summary>The account that submitted it; another account's polls and cancels do not find it.</summary>
    public string? Account { get; init; }

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>True when the statement's own timeout, not a cancel request, stopped it.</summary>
    public bool TimedOut => Volatile.Read(ref timedOut) == 1;

    /// <summary>Cancels the statement once <paramref name="timeout"/> has passed on <paramref name="time"/>.</summary>
    public ITimer StartTimeout(TimeSpan timeout, TimeProvider time) => time.CreateTimer(_ =>
    {
        Interlocked.Exchange(ref timedOut, 1);
        Cancellation.Cancel();
    }, null, timeout, Timeout.InfiniteTimeSpan);

    public StatementStatus Status { get; private set; } = StatementStatus.Running;

    public ResultSet? Result { get; private set; }

    public StatementFailure? Failure { get; private set; }

    /// <summary>Handles of a multi-statement request's statements, in order; empty for a single statement.</summary>
    public IReadOnlyList<string> ChildHandles { get; private set; } = [];

    public Task Done => done.Task;

    public void Succeed(ResultSet result, IReadOnlyList<string> childHandles)
    {
        Result = result;
        ChildHandles = childHandles;
        Status = StatementStatus.Succeeded;
        done.TrySetResult();
    }

    public void Fail(StatementFailure failure)
    {
        Failure = failure;
        Status = StatementStatus.Failed;
        done.TrySetResult();
    }
}
