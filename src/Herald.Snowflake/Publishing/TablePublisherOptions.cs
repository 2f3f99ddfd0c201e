using System.ComponentModel.DataAnnotations;

namespace Herald.Snowflake.Publishing;

/// <summary>Settings under <c>Herald:Snowflake:Publisher</c>: how rows are batched into <c>INSERT</c> statements.</summary>
public sealed class TablePublisherOptions
{
    /// <summary>
    /// The shrink guard: a load that would remove more than this share of the table's rows stops before the swap
    /// unless the caller allows it. A template that suddenly returns nothing must not empty a table Insider One
    /// imports. 0.5 by default; 1 turns the guard off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ShrinkGuardShare { get; set; } = SnowflakeDefaults.ShrinkGuardShare;

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

    /// <summary>A table of at least this many rows is loaded through the credential's stage (Parquet files and
    /// <c>COPY INTO</c>) when the credential names one; smaller tables, and every table of a credential without a
    /// stage, go through bound <c>INSERT</c>s. 0 sends every table through the stage.</summary>
    [Range(0L, long.MaxValue)]
    public long StageAboveRows { get; set; } = SnowflakeDefaults.StageAboveRows;
}
