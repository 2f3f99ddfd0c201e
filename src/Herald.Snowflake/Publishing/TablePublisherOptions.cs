using System.ComponentModel.DataAnnotations;

namespace Herald.Snowflake.Publishing;

/// <summary>Settings under <c>Herald:Snowflake:Publisher</c>: how rows are batched into <c>INSERT</c> statements.</summary>
public sealed class TablePublisherOptions
{
    public const string Section = "Herald:Snowflake:Publisher";

    /// <summary>Rows per <c>INSERT</c>, at most 16,384 (Snowflake's <c>VALUES</c> limit).</summary>
    [Range(1, SnowflakeDefaults.MaxValuesRows)]
    public int BatchRows { get; set; } = SnowflakeDefaults.BatchRows;

    /// <summary>Approximate bytes of bound values per <c>INSERT</c>; a batch is sent when it reaches this.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = SnowflakeDefaults.MaxBatchBytes;

    /// <summary>Bound values per <c>INSERT</c> (rows times columns), so wide tables take fewer rows per batch.</summary>
    [Range(1, 1_000_000)]
    public int MaxBindingsPerBatch { get; set; } = SnowflakeDefaults.MaxBindingsPerBatch;
}
