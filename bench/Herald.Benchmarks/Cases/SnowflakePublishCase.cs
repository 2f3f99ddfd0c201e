using System.Diagnostics;
using System.Security.Cryptography;
using Herald.Benchmarks.Support;
using Herald.Snowflake;
using Herald.Snowflake.Publishing;
using Herald.Snowflake.Publishing.Staging;
using Herald.Sources.DuckDb;
using Herald.Sources.DuckDb.Staging;
using Herald.Snowflake.Statements;
using Herald.SnowflakeStandIn;
using StandIn = Herald.SnowflakeStandIn.SnowflakeStandIn;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 6. <paramref name="events"/> <c>insider_events</c> rows published through each of Herald's load paths into the
/// Snowflake stand-in, against the stand-in's own bulk insert of the same rows (DuckDB's appender, in process, no HTTP):
/// <c>snowflake-publish</c> is the batched-INSERT path (key-pair JWT, JSON bindings over loopback HTTP, load table,
/// one-transaction swap), <c>snowflake-publish-stage</c> the stage path (a Parquet file written by DuckDB, put on the
/// stand-in's S3-compatible endpoint with AWSSDK.S3, <c>COPY INTO</c> the load table, the same swap). Every table is
/// checked equal to the reference afterwards.
/// </summary>
public sealed class SnowflakePublishCase(long events) : IBenchmarkCase
{
    public string Name => "snowflake-publish";

    public string Description => $"{events:N0} insider_events rows into the Snowflake stand-in: Herald's batched INSERT with bindings, and its stage + COPY INTO, vs the stand-in's own bulk insert";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        using var key = RSA.Create(2048);
        await using var standIn = await StandIn.StartAsync(new StandInOptions
        {
            Users = [new StandInUser { Account = "BENCH-ACCOUNT", User = "HERALD", PublicKeysPem = [key.ExportSubjectPublicKeyInfoPem()] }],
            Stages = { ["BENCH_STAGE"] = "s3://bench-stage/loads/" },
        }, cancellationToken: cancellationToken);
        var connection = new SnowflakeConnection
        {
            AccountIdentifier = "bench-account",
            User = "herald",
            Database = "HERALD",
            Schema = "PUBLIC",
            PrivateKeyPem = key.ExportPkcs8PrivateKeyPem(),
        };
        using var http = new HttpClient(SnowflakeClient.CreateHttpHandler());
        using var client = new SnowflakeClient(http, connection, new SnowflakeOptions { BaseUrl = standIn.BaseUrl }, TimeProvider.System);
        var options = new TablePublisherOptions();
        var publisher = new TablePublisher(client, connection, options);

        var heraldClock = Stopwatch.StartNew();
        var publication = await publisher.PublishFullAsync(EventRows.Table("insider_events"), EventRows.StreamAsync(events), cancellationToken);
        var herald = heraldClock.Elapsed;

        await standIn.QueryAsync($"CREATE TABLE HERALD.PUBLIC.insider_events_reference ({EventRows.DuckDbColumns})", cancellationToken);
        var referenceClock = Stopwatch.StartNew();
        var appended = await standIn.BulkInsertAsync("HERALD", "PUBLIC", "insider_events_reference", EventRows.StreamAsync(events), cancellationToken);
        var reference = referenceClock.Elapsed;

        var scratch = Path.Combine(Path.GetTempPath(), "herald-bench-stage-" + Guid.NewGuid().ToString("N"));
        TimeSpan staged;
        TablePublication stagedPublication;
        try
        {
            var files = new DuckDbStagingFiles(new DuckDbSourceOptions { DatabasePath = ":memory:", TempDirectory = scratch });
            using var stage = new StageLoader(new StageLocation("BENCH_STAGE", standIn.BaseUrl, "bench-stage", "loads/", "us-east-1",
                StandInDefaults.StageAccessKeyId, "bench-secret"), files, new SnowflakeOptions { BaseUrl = standIn.BaseUrl }, TimeProvider.System);
            var stagedClock = Stopwatch.StartNew();
            stagedPublication = await new TablePublisher(client, connection, options, stage)
                .PublishFullAsync(EventRows.Table("insider_events_staged"), EventRows.StreamAsync(events), cancellationToken);
            staged = stagedClock.Elapsed;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        foreach (var (table, rows) in new[] { ("insider_events", publication.RowsInTable), ("insider_events_staged", stagedPublication.RowsInTable) })
        {
            var differing = (await standIn.QueryAsync(
                $"SELECT (SELECT count(*) FROM (SELECT * FROM HERALD.PUBLIC.{table} EXCEPT SELECT * FROM HERALD.PUBLIC.insider_events_reference)) + " +
                $"(SELECT count(*) FROM (SELECT * FROM HERALD.PUBLIC.insider_events_reference EXCEPT SELECT * FROM HERALD.PUBLIC.{table}))", cancellationToken))[0][0];
            if (rows != events || appended != events || Convert.ToInt64(differing, System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                throw new BenchmarkFailedException($"{Name}: Herald published {rows:N0} rows into {table}, the bulk insert {appended:N0}, of {events:N0}; " +
                    $"{differing} rows differ between the two tables.");
            }
        }

        var log = run.Log;
        log.WriteLine($"  INSERT   {events / herald.TotalSeconds,10:N0} rows/s ({herald.TotalSeconds:0.00} s; {publication.Batches} INSERTs of up to {options.BatchRows:N0} rows, then the swap)");
        log.WriteLine($"  stage    {events / staged.TotalSeconds,10:N0} rows/s ({staged.TotalSeconds:0.00} s; {stagedPublication.Batches} Parquet file(s) put on the stage and copied in, then the swap)");
        log.WriteLine($"  appender {events / reference.TotalSeconds,10:N0} rows/s ({reference.TotalSeconds:0.00} s; DuckDB's appender inside the stand-in)");
        log.WriteLine($"  all three tables hold the same {events:N0} rows; client and stand-in share this process and its {Environment.ProcessorCount} cores");
        return
        [
            new BenchmarkResult(Name, events / herald.TotalSeconds, events / reference.TotalSeconds, "rows/s"),
            new BenchmarkResult(Name + "-stage", events / staged.TotalSeconds, events / reference.TotalSeconds, "rows/s"),
        ];
    }
}
