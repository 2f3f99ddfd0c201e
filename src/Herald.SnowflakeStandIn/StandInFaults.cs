namespace Herald.SnowflakeStandIn;

/// <summary>Misbehaviour on demand. The instance behind <see cref="SnowflakeStandIn.Faults"/> is live: a change applies
/// to the next statement. Every member is safe to use from any thread.</summary>
public sealed class StandInFaults
{
    private readonly Lock gate = new();
    private int rateLimitNextStatements;
    private int retryAfterSeconds = StandInDefaults.RetryAfterSeconds;
    private int failNextStatements;
    private int loseNextAnswers;
    private int failStatus = StandInDefaults.FailStatus;
    private string? failStatementsContaining;
    private int failAfterMatches;
    private int matchesSeen;
    private TimeSpan statementDelay;
    private TaskCompletionSource? hold;

    /// <summary>The next N statement submissions answer 429 with <c>Retry-After: RetryAfterSeconds</c>, unexecuted.</summary>
    public int RateLimitNextStatements
    {
        get { lock (gate) { return rateLimitNextStatements; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { rateLimitNextStatements = value; } }
    }

    /// <summary>The <c>Retry-After</c> of an injected 429, in seconds; 1 unless set.</summary>
    public int RetryAfterSeconds
    {
        get { lock (gate) { return retryAfterSeconds; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { retryAfterSeconds = value; } }
    }

    /// <summary>The next N statement submissions answer <see cref="FailStatus"/>, unexecuted.</summary>
    public int FailNextStatements
    {
        get { lock (gate) { return failNextStatements; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { failNextStatements = value; } }
    }

    /// <summary>The next N statements are executed, then answered <see cref="FailStatus"/> as if the answer were lost
    /// on the way: the case <c>retry=true</c> exists for.</summary>
    public int LoseNextAnswers
    {
        get { lock (gate) { return loseNextAnswers; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { loseNextAnswers = value; } }
    }

    /// <summary>Status of an injected failure; 503 unless set (500 to 599).</summary>
    public int FailStatus
    {
        get { lock (gate) { return failStatus; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 500);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            lock (gate) { failStatus = value; }
        }
    }

    /// <summary>Every statement whose text contains this (ordinal, ignoring case) answers <see cref="FailStatus"/>,
    /// unexecuted, once <see cref="FailAfterMatches"/> such statements have passed: a load that breaks half-way.</summary>
    public string? FailStatementsContaining
    {
        get { lock (gate) { return failStatementsContaining; } }
        set { lock (gate) { failStatementsContaining = string.IsNullOrEmpty(value) ? null : value; matchesSeen = 0; } }
    }

    /// <summary>Matching statements let through before <see cref="FailStatementsContaining"/> starts failing them.</summary>
    public int FailAfterMatches
    {
        get { lock (gate) { return failAfterMatches; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { failAfterMatches = value; matchesSeen = 0; } }
    }

    /// <summary>Every statement takes this much longer (on the stand-in's clock): a slow warehouse.</summary>
    public TimeSpan StatementDelay
    {
        get { lock (gate) { return statementDelay; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (gate) { statementDelay = value; } }
    }

    /// <summary>While true, every statement waits before it executes; setting it false lets them all run. With it a
    /// test makes a statement slow without waiting for time to pass.</summary>
    public bool HoldStatements
    {
        get { lock (gate) { return hold is not null; } }
        set
        {
            TaskCompletionSource? released = null;
            lock (gate)
            {
                if (value && hold is null)
                {
                    hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else if (!value)
                {
                    (released, hold) = (hold, null);
                }
            }

            released?.TrySetResult();
        }
    }

    internal Task HeldUntilReleased()
    {
        lock (gate) { return hold?.Task ?? Task.CompletedTask; }
    }

    /// <summary>Decides, once per submission, whether a fault answers it before it executes.</summary>
    internal SubmissionFault TakeSubmissionFault(string statement)
    {
        lock (gate)
        {
            if (rateLimitNextStatements > 0)
            {
                rateLimitNextStatements--;
                return new SubmissionFault(429, retryAfterSeconds);
            }

            if (failNextStatements > 0)
            {
                failNextStatements--;
                return new SubmissionFault(failStatus, null);
            }

            if (failStatementsContaining is { } text && statement.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                matchesSeen++;
                if (matchesSeen > failAfterMatches)
                {
                    return new SubmissionFault(failStatus, null);
                }
            }

            return SubmissionFault.None;
        }
    }

    internal bool TakeLostAnswer(out int status)
    {
        lock (gate)
        {
            status = failStatus;
            if (loseNextAnswers == 0)
            {
                return false;
            }

            loseNextAnswers--;
            return true;
        }
    }

    internal StandInFaults Copy()
    {
        lock (gate)
        {
            return new StandInFaults
            {
                rateLimitNextStatements = rateLimitNextStatements,
                retryAfterSeconds = retryAfterSeconds,
                failNextStatements = failNextStatements,
                loseNextAnswers = loseNextAnswers,
                failStatus = failStatus,
                failStatementsContaining = failStatementsContaining,
                failAfterMatches = failAfterMatches,
                statementDelay = statementDelay,
            };
        }
    }
}
