namespace Herald.SnowflakeStandIn;

/// <summary>An answer a fault gives instead of executing a statement; <see cref="Status"/> 0 means none.</summary>
internal readonly record struct SubmissionFault(int Status, int? RetryAfterSeconds)
{
    public static SubmissionFault None => default;
}
