namespace Herald.SnowflakeStandIn;

/// <summary>How a stand-in behaves. Read once by <see cref="SnowflakeStandIn.StartAsync"/>, which validates it.</summary>
public sealed class StandInOptions
{
    /// <summary>The users whose JWTs are accepted; at least one.</summary>
    public List<StandInUser> Users { get; set; } = [];

    /// <summary>Users of other accounts (Insider One's, for one), whose JWTs are accepted too: such an account may only
    /// list the shares added to it, import one (<c>CREATE DATABASE ... FROM SHARE</c>) and read the tables granted to it.</summary>
    public List<StandInUser> Consumers { get; set; } = [];

    /// <summary>Databases and their schemas, created empty at start (names as Snowflake prints them: uppercase).</summary>
    public Dictionary<string, List<string>> Databases { get; set; } = new()
    {
        [StandInDefaults.Database] = [StandInDefaults.Schema],
    };

    /// <summary>A statement still running after this long is answered 202 and must be polled.</summary>
    public TimeSpan AsyncThreshold { get; set; } = StandInDefaults.AsyncThreshold;

    /// <summary>Rows one <c>VALUES</c> list may hold (Snowflake: 16,384).</summary>
    public int MaxValuesRows { get; set; } = StandInDefaults.MaxValuesRows;

    /// <summary>Largest statement text, in UTF-8 bytes.</summary>
    public int MaxStatementBytes { get; set; } = StandInDefaults.MaxStatementBytes;

    /// <summary>Largest request body, in bytes; a longer one is answered 413 without being read further.</summary>
    public int MaxRequestBytes { get; set; } = StandInDefaults.MaxRequestBytes;

    /// <summary>Rows per result partition; a result with more is fetched with <c>?partition=N</c>.</summary>
    public int PartitionRows { get; set; } = StandInDefaults.PartitionRows;

    /// <summary>Largest result kept for a statement; a longer one fails the statement.</summary>
    public int MaxResultRows { get; set; } = StandInDefaults.MaxResultRows;

    /// <summary>Finished statements kept for polling and <c>retry=true</c>; older ones are forgotten.</summary>
    public int RetainedStatements { get; set; } = StandInDefaults.RetainedStatements;

    /// <summary>The folder the stand-in's S3-compatible endpoint writes objects into and stages read from; null for a
    /// folder of its own, made at start and removed when it is disposed.</summary>
    public string? StageRoot { get; set; }

    /// <summary>External stages that exist at start, as an administrator would have made them with <c>CREATE STAGE name
    /// URL = 's3://bucket/prefix/'</c>: name (uppercase) to URL.</summary>
    public Dictionary<string, string> Stages { get; set; } = [];

    /// <summary>The access key id an upload's SigV4 signature must name.</summary>
    public string StageAccessKeyId { get; set; } = StandInDefaults.StageAccessKeyId;

    /// <summary>Largest object one upload may put on a stage, in bytes; a larger one is refused and nothing is kept.</summary>
    public long MaxStageObjectBytes { get; set; } = StandInDefaults.MaxStageObjectBytes;

    /// <summary>The faults the stand-in starts with; copied, so later changes go through <see cref="SnowflakeStandIn.Faults"/>.</summary>
    public StandInFaults Faults { get; set; } = new();

    /// <summary>Clock for token checks, the async threshold and slow statements; tests may swap in a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
