using Herald.Core.Ports;

namespace Herald.Snowflake.Publishing.Staging;

/// <summary>
/// The second load path of <see cref="TablePublisher"/> (snowflake.md, "Large tables"): the rows of a load are written
/// into a local Parquet file (<see cref="IStagingFiles"/>, DuckDB), put on the S3-compatible stage, and loaded with
/// <c>COPY INTO ... FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE</c>; the swap after it is the
/// same as for bound <c>INSERT</c>s. One loader serves the loads of one sync; dispose it after.
/// </summary>
public sealed class StageLoader : IDisposable
{
    /// <exception cref="ArgumentException">The stage location has problems; the message lists them.</exception>
    public StageLoader(StageLocation location, IStagingFiles files, SnowflakeOptions options, TimeProvider time)
    {
        if (location.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(location));
        }

        Location = location;
        Files = files;
        Uploader = new S3StageUploader(location, options, time);
    }

    public StageLocation Location { get; }

    internal IStagingFiles Files { get; }

    internal S3StageUploader Uploader { get; }

    public void Dispose() => Uploader.Dispose();
}
