namespace Herald.SnowflakeStandIn.State;

/// <summary>What the stand-in remembers: statements by handle and by <c>requestId</c> (the newest
/// <see cref="StandInOptions.RetainedStatements"/>), and the lists tests inspect. Safe to use from any thread.</summary>
internal sealed class StandInState(int retained)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StatementRecord> byHandle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StatementRecord> byRequestId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<StatementRecord> order = new();
    private readonly List<ReceivedStatement> statements = [];
    private readonly List<ReceivedCall> calls = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(StatementRecord record)
    {
        lock (gate)
        {
            byHandle[record.Handle] = record;
            if (record.RequestId is { } requestId)
            {
                byRequestId[requestId] = record;
            }

            order.Enqueue(record);
            while (order.Count > retained && order.Peek().Status != StatementStatus.Running)
            {
                var old = order.Dequeue();
                byHandle.Remove(old.Handle);
                if (old.RequestId is { } oldId && byRequestId.GetValueOrDefault(oldId) == old)
                {
                    byRequestId.Remove(oldId);
                }
            }
        }
    }

    public StatementRecord? ByHandle(string handle)
    {
        lock (gate) { return byHandle.GetValueOrDefault(handle); }
    }

    public StatementRecord? ByRequestId(string requestId)
    {
        lock (gate) { return byRequestId.GetValueOrDefault(requestId); }
    }

    public void Record(ReceivedStatement statement)
    {
        lock (gate)
        {
            if (statements.Count == StandInDefaults.RecordedStatements)
            {
                statements.RemoveAt(0);
            }

            statements.Add(statement);
        }

        Signal();
    }

    public void Record(ReceivedCall call)
    {
        lock (gate)
        {
            if (calls.Count == StandInDefaults.RecordedStatements)
            {
                calls.RemoveAt(0);
            }

            calls.Add(call);
        }

        Signal();
    }

    public IReadOnlyList<ReceivedStatement> Statements()
    {
        lock (gate) { return statements.ToList(); }
    }

    public IReadOnlyList<ReceivedCall> Calls()
    {
        lock (gate) { return calls.ToList(); }
    }

    /// <summary>Completes the next time a statement or call is recorded.</summary>
    public Task NextChange()
    {
        lock (gate) { return changed.Task; }
    }

    public void Clear()
    {
        lock (gate)
        {
            byHandle.Clear();
            byRequestId.Clear();
            order.Clear();
            statements.Clear();
            calls.Clear();
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            previous = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
