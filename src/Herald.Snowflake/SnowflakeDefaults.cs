namespace Herald.Snowflake;

/// <summary>Defaults of <see cref="SnowflakeOptions"/> and <see cref="Publishing.TablePublisherOptions"/> in one place.</summary>
public static class SnowflakeDefaults
{
    /// <summary>One HTTP attempt.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt for 5xx, timeouts and refused connections.</summary>
    public const int MaxRetries = 4;

    /// <summary>First backoff between retries.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff between retries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Total time a statement may spend waiting out 429 answers; separate from <see cref="MaxRetries"/> so
    /// that a busy account slows a load down instead of failing it.</summary>
    public static readonly TimeSpan RateLimitBudget = TimeSpan.FromMinutes(5);

    /// <summary>First wait before polling a statement answered 202.</summary>
    public static readonly TimeSpan PollInitialDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between polls.</summary>
    public static readonly TimeSpan PollMaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Sent as the statement's <c>timeout</c>; Snowflake stops the statement after it.</summary>
    public const int StatementTimeoutSeconds = 3600;

    /// <summary>Largest answer (one result partition, or an error) Herald reads; Snowflake's partitions are far smaller.</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>Snowflake accepts a JWT for at most one hour (key-pair authentication guide); Herald asks for less so
    /// that a token never expires in flight.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(59);

    /// <summary>A cached token is replaced this long before it expires.</summary>
    public static readonly TimeSpan TokenRenewBefore = TimeSpan.FromMinutes(5);

    /// <summary>Rows per <c>INSERT</c>; Snowflake takes at most 16,384 rows in one <c>VALUES</c> list.</summary>
    public const int BatchRows = 4_000;

    /// <summary>Bytes of bound values per <c>INSERT</c>, so one request body stays small whatever the row width.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>Snowflake's limit on the rows of one <c>VALUES</c> list (SQL API reference, "Limitations").</summary>
    public const int MaxValuesRows = 16_384;

    /// <summary>A load removing more than half of a table's rows stops unless allowed.</summary>
    public const double ShrinkGuardShare = 0.5;

    /// <summary>Bound values per <c>INSERT</c> (rows times columns).</summary>
    public const int MaxBindingsPerBatch = 100_000;

    /// <summary>Tables of this many rows or more go through a stage when the credential has one: below it, bound
    /// INSERTs cost less than writing, uploading and copying a file (docs/performance.md).</summary>
    public const long StageAboveRows = 100_000;
}
