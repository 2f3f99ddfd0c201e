using System.Globalization;
using DuckDB.NET.Data;
using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Sources.DuckDb;

// Over 250 lines on purpose: the comparison is one sequence of SQL statements over one scratch table (join, counts,
// samples, part files), and each statement's reason sits beside it; split across files it would read out of order.

/// <summary>
/// Compares a segment's current values with a new audience, and writes what to upload, inside DuckDB: one full
/// outer join of the two files, kept in a scratch table that DuckDB spills to disk under its memory limit; counts,
/// samples and the output files come from that table. Herald's own memory holds nothing but the samples, so it
/// stays flat whatever the number of values.
/// </summary>
/// <remarks>
/// Both files hold one value per line without quoting (insider-one.md section 2); each value is taken as it is,
/// and each value is assumed to appear once in a file (Insider One keeps a set; Herald's build writes distinct values).
/// </remarks>
public sealed class DuckDbSegmentComparer : ISegmentComparer
{
    private const string Compared = "herald_compared";
    private const string NewValues = "herald_new_values";
    private const string Assigned = "herald_assigned";

    private readonly string _tempDirectory;
    private readonly string _memoryLimit;
    private readonly int _threads;
    private readonly string _maxTempDirectorySize;

    /// <param name="tempDirectory">Where DuckDB spills beyond <paramref name="memoryLimit"/> (and where the short API writes scratch parts).</param>
    /// <param name="memoryLimit">DuckDB's memory ceiling, such as <c>1GB</c>; beyond it DuckDB spills to disk (slower, never more memory).</param>
    /// <param name="threads">DuckDB worker threads; 0 lets DuckDB use every core.</param>
    /// <param name="maxTempDirectorySize">DuckDB's cap on its spill files, such as <c>2GB</c>, so no comparison fills the disk.</param>
    public DuckDbSegmentComparer(string tempDirectory, string memoryLimit = "1GB", int threads = 0, string maxTempDirectorySize = "2GB")
    {
        _maxTempDirectorySize = maxTempDirectorySize;
        _tempDirectory = tempDirectory;
        _memoryLimit = memoryLimit;
        _threads = threads;
    }

    /// <summary>
    /// The short form, for one unsplit segment: compares <paramref name="currentSegmentCsv"/> (null or a missing
    /// file for a segment Insider One does not have) with <paramref name="audienceCsv"/> and writes the values the
    /// segment must hold after the update to <paramref name="outputCsv"/>.
    /// </summary>
    public async Task<SegmentDiffResult> CompareAsync(
        string? currentSegmentCsv, string audienceCsv, SegmentUpdateMode mode, string outputCsv, int sampleSize, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(_tempDirectory, $"compare-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var current = currentSegmentCsv is not null && File.Exists(currentSegmentCsv) ? currentSegmentCsv : null;
            var result = await CompareAsync(
                new SegmentComparisonRequest([current], audienceCsv, mode, long.MaxValue, AllowSplit: false, scratch, sampleSize), cancellationToken);
            var part = result.Parts.Single();
            if (part.File == audienceCsv)
            {
                File.Copy(audienceCsv, outputCsv, overwrite: true);
            }
            else
            {
                File.Move(part.File, outputCsv, overwrite: true);
            }
            return new SegmentDiffResult(result.Diff, result.Sample, part.Values, part.Bytes);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    public Task<SegmentComparisonResult> CompareAsync(SegmentComparisonRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => Compare(request, cancellationToken), cancellationToken);

    public Task<bool> HoldSameValuesAsync(string firstCsv, string secondCsv, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var connection = Open();
            var first = ValuesOf(firstCsv);
            var second = ValuesOf(secondCsv);
            var differences = Scalar(connection,
                $"SELECT (SELECT count(*) FROM ({first} EXCEPT {second})) + (SELECT count(*) FROM ({second} EXCEPT {first}))");
            return differences == 0;
        }, cancellationToken);

    private SegmentComparisonResult Compare(SegmentComparisonRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxPartBytes, 1);
        Directory.CreateDirectory(request.OutputDirectory);
        if (FirstSendThatFits(request) is { } firstSend)
        {
            return firstSend;
        }
        using var connection = Open();
        var after = request.Mode == SegmentUpdateMode.Add ? "true" : "in_audience";

        // The join is the long statement: a cancelled run (a lost lease, a stopping server) interrupts it.
        Execute(connection, cancellationToken,
            $"""
            CREATE TEMP TABLE {Compared} AS
            SELECT coalesce(b.v, a.v) AS v, b.part AS before_part, a.v IS NOT NULL AS in_audience
            FROM ({Before(request.CurrentParts, request.CheckCurrentValues, request.CurrentValueRules)}) AS b
            FULL OUTER JOIN ({ValuesOf(request.AudienceCsv)}) AS a ON b.v = a.v
            """);

        var (diff, totalValues, totalBytes) = Totals(connection, after);
        var sample = new SegmentDiffSample(
            Sample(connection, $"before_part IS NULL AND {after}", request.SampleSize),
            Sample(connection, $"before_part IS NOT NULL AND NOT {after}", request.SampleSize),
            Sample(connection, $"before_part IS NOT NULL AND {after}", request.SampleSize));

        var previousParts = Math.Max(request.CurrentParts.Count, 1);
        var parts = KeepLayout(connection, request, after, previousParts, diff, totalValues, totalBytes);
        var kept = parts is not null;
        parts ??= request.AllowSplit ? NewLayout(connection, request, after, totalBytes) : [];
        return new SegmentComparisonResult(diff, sample, parts, kept && parts.Count > 0, totalValues, totalBytes);
    }

    /// <summary>
    /// Nothing before and one file that fits: every value is added, and the audience file is the file to upload.
    /// Counting its lines while streaming it costs no engine memory, which keeps a first send of millions of values
    /// within the server's memory budget (the build step has already made the values distinct).
    /// </summary>
    private static SegmentComparisonResult? FirstSendThatFits(SegmentComparisonRequest request)
    {
        var bytes = new FileInfo(request.AudienceCsv).Length;
        if (request.CurrentParts.Any(part => part is not null) || bytes > request.MaxPartBytes)
        {
            return null;
        }
        // Counting newline bytes in one reused buffer keeps the heap flat; only the sample is decoded.
        var sample = new List<string>();
        using (var reader = new StreamReader(request.AudienceCsv, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false))
        {
            while (sample.Count < request.SampleSize && reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    sample.Add(line);
                }
            }
        }
        var values = 0L;
        var endsWithNewline = true;
        var buffer = new byte[1 << 16];
        using (var stream = new FileStream(request.AudienceCsv, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                values += buffer.AsSpan(0, read).Count((byte)'\n');
                endsWithNewline = buffer[read - 1] == (byte)'\n';
            }
        }
        if (!endsWithNewline)
        {
            values++;
        }
        var diff = new SegmentDiff(values, 0, 0);
        return new SegmentComparisonResult(diff, new SegmentDiffSample(sample, [], []),
            [new ComparedPart(1, request.AudienceCsv, values, bytes, diff)], LayoutKept: true, values, bytes);
    }

    /// <summary>
    /// The parts as they were, when the values fit: a kept value stays in its part and a new one goes where
    /// there is room, so that no value moves between segments without need. Null when they do not fit.
    /// </summary>
    private static IReadOnlyList<ComparedPart>? KeepLayout(
        DuckDBConnection connection, SegmentComparisonRequest request, string after, int previousParts, SegmentDiff diff, long totalValues, long totalBytes)
    {
        if (previousParts == 1)
        {
            if (totalBytes > request.MaxPartBytes)
            {
                return null;
            }
            // Replacing one segment uploads the audience itself: there is nothing to write.
            var file = request.Mode == SegmentUpdateMode.Replace ? request.AudienceCsv : Write(connection, request, 1, $"SELECT v FROM {Compared}");
            return [new ComparedPart(1, file, totalValues, totalBytes, diff)];
        }

        var keptByPart = new Dictionary<int, (long Kept, long Removed, long KeptBytes)>();
        using (var reader = Query(connection,
            $"""
            SELECT before_part, count(*) FILTER (WHERE {after}), count(*) FILTER (WHERE NOT {after}), coalesce(sum(strlen(v) + 1) FILTER (WHERE {after}), 0)::BIGINT
            FROM {Compared} WHERE before_part IS NOT NULL GROUP BY before_part
            """))
        {
            while (reader.Read())
            {
                keptByPart[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }
        if (keptByPart.Keys.Any(part => part > previousParts) || keptByPart.Values.Any(p => p.KeptBytes > request.MaxPartBytes))
        {
            return null;
        }

        Execute(connection,
            $"""
            CREATE OR REPLACE TEMP TABLE {NewValues} AS
            SELECT v, (strlen(v) + 1)::BIGINT AS bytes, sum(strlen(v) + 1) OVER (ORDER BY hash(v), v ROWS UNBOUNDED PRECEDING)::BIGINT AS cumulative
            FROM {Compared} WHERE before_part IS NULL AND {after}
            """);
        var longest = Scalar(connection, $"SELECT coalesce(max(bytes), 0) FROM {NewValues}");

        // Each part takes new values up to its free room less one value, so that the value crossing a boundary
        // never takes a part over the limit.
        var boundaries = new List<long>();
        long boundary = 0;
        for (var part = 1; part <= previousParts; part++)
        {
            var free = request.MaxPartBytes - keptByPart.GetValueOrDefault(part).KeptBytes - longest;
            boundary += Math.Max(free, 0);
            boundaries.Add(boundary);
        }
        var newBytes = Scalar(connection, $"SELECT coalesce(max(cumulative), 0) FROM {NewValues}");
        if (newBytes > boundaries[^1])
        {
            return null;
        }
        var partOf = "CASE " + string.Concat(boundaries.Select((b, i) => $"WHEN cumulative <= {b} THEN {i + 1} ")) + "END";
        Execute(connection,
            $"""
            CREATE OR REPLACE TEMP TABLE {Assigned} AS
            SELECT v, before_part AS part, false AS added FROM {Compared} WHERE before_part IS NOT NULL AND {after}
            UNION ALL
            SELECT v, {partOf} AS part, true AS added FROM {NewValues}
            """);

        var written = PartsOf(connection);
        if (written.Values.Any(p => p.Bytes > request.MaxPartBytes))
        {
            return null;
        }
        return [.. Enumerable.Range(1, previousParts).Select(number =>
        {
            var (values, bytes, added) = written.GetValueOrDefault(number);
            var (keptValues, removed, _) = keptByPart.GetValueOrDefault(number);
            var file = Write(connection, request, number, $"SELECT v FROM {Assigned} WHERE part = {number}");
            return new ComparedPart(number, file, values, bytes, new SegmentDiff(added, removed, keptValues));
        })];
    }

    /// <summary>
    /// A new layout: as many parts as the values need with room to grow, each value placed by its hash, so that
    /// the parts come out even. Every value of a part counts as added to it: the part is a new segment.
    /// </summary>
    private static IReadOnlyList<ComparedPart> NewLayout(DuckDBConnection connection, SegmentComparisonRequest request, string after, long totalBytes)
    {
        if (totalBytes <= request.MaxPartBytes)
        {
            var file = Write(connection, request, 1, $"SELECT v FROM {Compared} WHERE {after}");
            var values = Scalar(connection, $"SELECT count(*) FROM {Compared} WHERE {after}");
            return [new ComparedPart(1, file, values, totalBytes, new SegmentDiff(values, 0, 0))];
        }
        var count = (int)Math.Max(2, Math.Ceiling(totalBytes / (request.MaxPartBytes * request.NewLayoutFill)));
        for (; count <= request.MaxParts; count++)
        {
            Execute(connection,
                $"CREATE OR REPLACE TEMP TABLE {Assigned} AS SELECT v, (hash(v) % {count})::INTEGER + 1 AS part, true AS added FROM {Compared} WHERE {after}");
            var parts = PartsOf(connection);
            if (parts.Values.All(p => p.Bytes <= request.MaxPartBytes))
            {
                return [.. Enumerable.Range(1, count).Select(number =>
                {
                    var (values, bytes, _) = parts.GetValueOrDefault(number);
                    var file = Write(connection, request, number, $"SELECT v FROM {Assigned} WHERE part = {number}");
                    return new ComparedPart(number, file, values, bytes, new SegmentDiff(values, 0, 0));
                })];
            }
        }
        return [];
    }

    private static Dictionary<int, (long Values, long Bytes, long Added)> PartsOf(DuckDBConnection connection)
    {
        var parts = new Dictionary<int, (long, long, long)>();
        using var reader = Query(connection,
            $"SELECT part, count(*), sum(strlen(v) + 1)::BIGINT, count(*) FILTER (WHERE added) FROM {Assigned} GROUP BY part");
        while (reader.Read())
        {
            parts[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return parts;
    }

    private static (SegmentDiff Diff, long Values, long Bytes) Totals(DuckDBConnection connection, string after)
    {
        using var reader = Query(connection,
            $"""
            SELECT
                count(*) FILTER (WHERE before_part IS NULL AND {after}),
                count(*) FILTER (WHERE before_part IS NOT NULL AND NOT {after}),
                count(*) FILTER (WHERE before_part IS NOT NULL AND {after}),
                coalesce(sum(strlen(v) + 1) FILTER (WHERE {after}), 0)::BIGINT
            FROM {Compared}
            """);
        reader.Read();
        var diff = new SegmentDiff(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        return (diff, diff.After, reader.GetInt64(3));
    }

    private static List<string> Sample(DuckDBConnection connection, string condition, int size)
    {
        var values = new List<string>();
        if (size <= 0)
        {
            return values;
        }
        using var reader = Query(connection, $"SELECT v FROM {Compared} WHERE {condition} LIMIT {size}");
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static string Write(DuckDBConnection connection, SegmentComparisonRequest request, int number, string select)
    {
        var path = Path.Combine(request.OutputDirectory, $"part-{number}.csv");
        File.Delete(path);
        // As for the audience's own file: each line is the value's text exactly, never quoted or escaped.
        Execute(connection, $"COPY ({select}) TO {SqlText.Literal(path)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')");
        if (!File.Exists(path))
        {
            // DuckDB writes nothing for no rows: an empty part is an empty file.
            File.WriteAllBytes(path, []);
        }
        return path;
    }

    /// <summary>
    /// The segment's current values with the number of the part that holds them; nothing for a segment Insider One does not
    /// have. Insider One's files are input like the audience: with <paramref name="rules"/>, a value the audience's own rules
    /// would set aside (a line break, a comma, a quote, the wrong type) is not taken as a member, so it is never merged and re-sent.
    /// </summary>
    private static string Before(IReadOnlyList<string?> parts, bool check, ValueRule? rule)
    {
        var valid = check ? $" WHERE ({AudienceValueRules.ReasonExpression("v", "NULL", rule)}) IS NULL" : "";
        var selects = parts
            .Select((file, i) => file is null ? null : $"SELECT v, {(i + 1).ToString(CultureInfo.InvariantCulture)}::INTEGER AS part FROM ({ValuesOf(file)}){valid}")
            .Where(select => select is not null)
            .ToList();
        return selects.Count == 0 ? "SELECT NULL::VARCHAR AS v, NULL::INTEGER AS part WHERE false" : string.Join(" UNION ALL ", selects);
    }

    /// <summary>
    /// A one-column file, each line one value as it is: no quoting, no escaping, and a delimiter no value holds,
    /// so that commas and quotes stay in their value; '\n' or "\r\n" ends a line; empty lines are skipped.
    /// </summary>
    private static string ValuesOf(string path) =>
        $"SELECT v FROM read_csv({SqlText.Literal(path)}, header = false, columns = {{'v': 'VARCHAR'}}, delim = chr(1), quote = '', escape = '', " +
        "auto_detect = false, strict_mode = false) WHERE v IS NOT NULL AND v <> ''";

    private DuckDBConnection Open()
    {
        Directory.CreateDirectory(_tempDirectory);
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        try
        {
            Execute(connection, $"SET memory_limit = {SqlText.Literal(_memoryLimit)}");
            Execute(connection, $"SET temp_directory = {SqlText.Literal(_tempDirectory)}");
            Execute(connection, $"SET max_temp_directory_size = {SqlText.Literal(_maxTempDirectorySize)}");
            // Order is not needed for sets of values; dropping it lets DuckDB stream with less memory.
            Execute(connection, "SET preserve_insertion_order = false");
            // It reads Herald's own files only; no extension is ever fetched or loaded (docs/security.md).
            Execute(connection, "SET autoinstall_known_extensions = false");
            Execute(connection, "SET autoload_known_extensions = false");
            Execute(connection, "SET allow_community_extensions = false");
            if (_threads > 0)
            {
                Execute(connection, $"SET threads = {_threads}");
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(DuckDBConnection connection, string sql) => Execute(connection, CancellationToken.None, sql);

    private static void Execute(DuckDBConnection connection, CancellationToken cancellationToken, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var interrupt = cancellationToken.Register(command.Cancel);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch
        {
            System.Numerics.BigInteger huge => (long)huge,
            var value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };
    }

    private static DuckDBDataReader Query(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}

/// <summary>The short form's answer: the difference, its sample, and the output file's values and bytes.</summary>
public sealed record SegmentDiffResult(SegmentDiff Diff, SegmentDiffSample Sample, long OutputValues, long OutputBytes);
