using System.Diagnostics;
using System.Security.Cryptography;
using Herald.Benchmarks.Support;
using Herald.Snowflake;
using Herald.Snowflake.Publishing;
using Herald.Snowflake.Statements;
using Herald.SnowflakeStandIn;
using StandIn = Herald.SnowflakeStandIn.SnowflakeStandIn;

namespace Herald.Benchmarks.Cases;

/// <summary>
/// Case 6. <paramref name="events"/> <c>insider_events</c> rows published through Herald's batched-INSERT path (key-pair
/// JWT, JSON bindings over loopback HTTP, load table, one-transaction swap) into the Snowflake stand-in, against the
/// stand-in's own bulk insert of the same rows (DuckDB's appender, in process, no HTTP): the cost of the SQL API
/// path over the engine's fastest way in. Both tables are checked equal afterwards.
/// </summary>
public sealed class SnowflakePublishCase(long events) : IBenchmarkCase
{
    public string Name => "snowflake-publish";

    public string Description => $"{events:N0} insider_events rows into the Snowflake stand-in: Herald's batched INSERT with bindings vs the stand-in's own bulk insert";

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(BenchmarkRun run, CancellationToken cancellationToken)
    {
        using var key = RSA.Create(2048);
        await using var standIn = await StandIn.StartAsync(new StandInOptions
        {
            Users = [new StandInUser { Account = "BENCH-ACCOUNT", User = "HERALD", PublicKeysPem = [key.ExportSubjectPublicKeyInfoPem()] }],
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

        var differing = (await standIn.QueryAsync(
            "SELECT (SELECT count(*) FROM (SELECT * FROM HERALD.PUBLIC.insider_events EXCEPT SELECT * FROM HERALD.PUBLIC.insider_events_reference)) + " +
            "(SELECT count(*) FROM (SELECT * FROM HERALD.PUBLIC.insider_events_reference EXCEPT SELECT * FROM HERALD.PUBLIC.insider_events))", cancellationToken))[0][0];
        if (publication.RowsInTable != events || appended != events || Convert.ToInt64(differing, System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            throw new BenchmarkFailedException($"{Name}: Herald published {publication.RowsInTable:N0} rows, the bulk insert {appended:N0}, of {events:N0}; " +
                $"{differing} rows differ between the two tables.");
        }

        var log = run.Log;
        log.WriteLine($"  Herald   {events / herald.TotalSeconds,10:N0} rows/s ({herald.TotalSeconds:0.00} s; {publication.Batches} INSERTs of up to {options.BatchRows:N0} rows, then the swap)");
        log.WriteLine($"  appender {events / reference.TotalSeconds,10:N0} rows/s ({reference.TotalSeconds:0.00} s; DuckDB's appender inside the stand-in)");
        log.WriteLine($"  both tables hold the same {events:N0} rows; client and stand-in share this process and its {Environment.ProcessorCount} cores");
        return [new BenchmarkResult(Name, events / herald.TotalSeconds, events / reference.TotalSeconds, "rows/s")];
    }
}
