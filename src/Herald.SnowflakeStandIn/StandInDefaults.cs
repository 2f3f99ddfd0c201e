namespace Herald.SnowflakeStandIn;

/// <summary>The stand-in's defaults in one place. Limits are Snowflake's own where its documentation gives them.</summary>
public static class StandInDefaults
{
    /// <summary>Snowflake answers 202 for a statement not finished within 45 seconds, even without <c>async=true</c>
    /// (SQL API reference, "Submitting a request to execute SQL statements").</summary>
    public static readonly TimeSpan AsyncThreshold = TimeSpan.FromSeconds(45);

    /// <summary>Snowflake's limit on the rows of one <c>VALUES</c> list (the SQL API's "Limitations" section).</summary>
    public const int MaxValuesRows = 16_384;

    /// <summary>Statement text about 1 MB (snowflake.md, from Snowflake's limits page).</summary>
    public const int MaxStatementBytes = 1024 * 1024;

    /// <summary>A request body is the statement plus its bindings; this bounds what the stand-in reads.</summary>
    public const int MaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>Rows per result partition; real partitions are sized by bytes, the stand-in by rows.</summary>
    public const int PartitionRows = 10_000;

    /// <summary>The largest result the stand-in keeps for a statement.</summary>
    public const int MaxResultRows = 2_000_000;

    /// <summary>Finished statements kept for polling and <c>retry=true</c> deduplication; older ones are forgotten.</summary>
    public const int RetainedStatements = 2_000;

    /// <summary>Statements listed by <see cref="SnowflakeStandIn.Statements"/>; older ones are dropped from the list.</summary>
    public const int RecordedStatements = 20_000;

    /// <summary>The database a stand-in starts with unless configured otherwise.</summary>
    public const string Database = "HERALD";

    /// <summary>Its schema.</summary>
    public const string Schema = "PUBLIC";

    /// <summary>The <c>Retry-After</c> of an injected 429.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The status of an injected failure.</summary>
    public const int FailStatus = 503;

    /// <summary>The access key id the stand-in's stage accepts unless configured otherwise.</summary>
    public const string StageAccessKeyId = "HERALDSTANDINKEY";

    /// <summary>Largest object on a stage: 1 GB (Snowflake recommends files of 100 to 250 MB compressed).</summary>
    public const long MaxStageObjectBytes = 1024L * 1024 * 1024;
}
