using DuckDB.NET.Data;
using Herald.Core.Audiences;
using Herald.Core.Ports;

namespace Herald.Sources.DuckDb;

// Over 250 lines on purpose: the one place that runs a user's query in DuckDB; its build, counts, preview and description
// share the session, the scratch table of values with their reasons, and the translation of DuckDB's errors.

/// <summary>
/// Builds audiences inside DuckDB: the values never pass through Herald's memory. The query's values are
/// trimmed and grouped once into a scratch table (which DuckDB spills to disk under its memory limit);
/// the counts come from that table and DuckDB's own <c>COPY ... TO</c> writes the file.
/// </summary>
public sealed class DuckDbAudienceSource(DuckDbSourceOptions options) : IAudienceSource
{
    private const string Values = "herald_audience";

    public Task<AudienceCounts> BuildAsync(AudienceQuery query, string outputPath, CancellationToken cancellationToken) =>
        Task.Run(() => Build(query, outputPath, cancellationToken), cancellationToken);

    public Task<QueryPreview> PreviewAsync(string sql, int maxRows, CancellationToken cancellationToken) =>
        Task.Run(() => Preview(sql, maxRows, cancellationToken), cancellationToken);

    public Task<SourceSchema> DescribeAsync(CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
            return Translate(() => DuckDbSchemaReader.Read(session, options.SchemaMaxColumns));
        }, cancellationToken);

    public Task<AudienceCounts> CountAsync(AudienceQuery query, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
            return Tally(session, query);
        }, cancellationToken);

    private AudienceCounts Build(AudienceQuery query, string outputPath, CancellationToken cancellationToken)
    {
        using var session = DuckDbSession.Open(options, outputPath, cancellationToken);
        var counts = Tally(session, query);
        if (File.Exists(outputPath))
        {
            File.Delete(outputPath);
        }
        // No quoting and no escaping: each line is the value's text exactly, since every value a one-column reader
        // could not read back was set aside above. (DuckDB's CSV writer would otherwise quote values such as store#12.)
        // The sandbox lets the session write this one path: no temporary file beside it.
        session.Execute(
            $"COPY (SELECT v FROM {Values} WHERE reason IS NULL) TO {SqlText.Literal(outputPath)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', USE_TMP_FILE false)");
        return counts;
    }

    /// <summary>
    /// Runs the query once into the scratch table, each value with the reason it cannot be sent (or NULL), and counts
    /// it: the one place the value rules are applied, for a build and for a preview's counts alike.
    /// </summary>
    private static AudienceCounts Tally(DuckDbSession session, AudienceQuery query)
    {
        session.RequireSingleSelect(query.Sql);
        var columns = Translate(() => ColumnsOf(session, query.Sql));
        AudienceColumnCheck.Require([.. columns.Select(c => c.Name)], query.AttributeName);

        var column = columns[0];
        var reason = AudienceValueRules.ReasonExpression("v", "type_reason", query.ValueRule);
        Translate(() => session.Execute(
            $"""
            CREATE TEMP TABLE {Values} AS
            SELECT v, n, normalized, rewritten, {reason} AS reason
            FROM (
                SELECT v, type_reason, count(*) AS n, any_value(normalized) AS normalized, count(normalized) AS rewritten
                FROM (SELECT {AudienceValueText.SelectList(column, query.ValueRule)} FROM {SqlText.AsSubquery(query.Sql)} AS q)
                GROUP BY v, type_reason
            )
            """));
        if (query.SampleSize is { } sample)
        {
            // A test send's sample is taken after the value rules, so it holds exactly the values asked for (or all there
            // are); ordered by value, so the same query samples the same values every time.
            Translate(() => session.Execute(
                $"""
                UPDATE {Values} SET reason = '{SetAsideReasons.BeyondSample}'
                WHERE reason IS NULL AND v NOT IN (SELECT v FROM {Values} WHERE reason IS NULL ORDER BY v LIMIT {Math.Max(sample, 0)})
                """));
        }

        var counts = CountsOf(session);
        return AudienceValueText.NoteOn(column, query.AttributeType, counts.SetAside, counts.Normalized!) is { } note
            ? counts with { Notes = [note] }
            : counts;
    }

    /// <summary>
    /// The first rows of the query, bounded in characters: each cell is cut at <see cref="DuckDbSourceOptions.PreviewMaxCellChars"/>
    /// and rows stop once the answer holds <see cref="DuckDbSourceOptions.PreviewMaxChars"/>, saying so, so that no query can
    /// make a preview as large as its data.
    /// </summary>
    private QueryPreview Preview(string sql, int maxRows, CancellationToken cancellationToken)
    {
        using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
        session.RequireSingleSelect(sql);
        // Each cell is cut inside DuckDB, one character past the limit so that a cut is still seen: Herald never
        // receives a value longer than that, whatever the query builds (repeat('x', 1000000000) would otherwise
        // arrive whole in .NET's memory before being cut). COLUMNS(*) keeps each column's name.
        var cut = $"left(CAST(COLUMNS(*) AS VARCHAR), {options.PreviewMaxCellChars + 1})";
        return Translate(() => session.Query($"SELECT {cut} FROM (SELECT * FROM {SqlText.AsSubquery(sql)} AS q LIMIT {Math.Clamp(maxRows, 0, 1000)})", reader =>
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<IReadOnlyList<string?>>();
            var characters = 0L;
            var cellsCut = false;
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    var cell = reader.IsDBNull(i) ? null : reader.GetString(i);
                    if (cell is { Length: var length } && length > options.PreviewMaxCellChars)
                    {
                        cell = cell[..options.PreviewMaxCellChars];
                        cellsCut = true;
                    }
                    row[i] = cell;
                    characters += cell?.Length ?? 0;
                }
                if (characters > options.PreviewMaxChars)
                {
                    return new QueryPreview(columns, rows,
                        $"The preview stops after {rows.Count} rows: it holds at most {options.PreviewMaxChars:N0} characters (Herald:Source:PreviewMaxChars).");
                }
                rows.Add(row);
            }
            return new QueryPreview(columns, rows, cellsCut
                ? $"Values longer than {options.PreviewMaxCellChars:N0} characters are cut in the preview (Herald:Source:PreviewMaxCellChars); sends use them whole."
                : null);
        }));
    }

    private static AudienceColumn[] ColumnsOf(DuckDbSession session, string sql) =>
        session.Query($"DESCRIBE SELECT * FROM {SqlText.AsSubquery(sql)} AS q", reader =>
        {
            var columns = new List<AudienceColumn>();
            while (reader.Read())
            {
                columns.Add(new AudienceColumn(reader.GetString(0), reader.GetString(1)));
            }
            return columns.ToArray();
        });

    private static AudienceCounts CountsOf(DuckDbSession session)
    {
        var normalized = session.Query(
            $"SELECT normalized, sum(rewritten)::BIGINT FROM {Values} WHERE reason IS NULL AND normalized IS NOT NULL GROUP BY normalized", reader =>
            {
                var rewrites = new SortedDictionary<string, long>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    if (reader.GetInt64(1) > 0)
                    {
                        rewrites[reader.GetString(0)] = reader.GetInt64(1);
                    }
                }
                return rewrites;
            });
        return session.Query($"SELECT reason, sum(n)::BIGINT AS rows, count(*)::BIGINT AS distinct_values FROM {Values} GROUP BY reason", reader =>
        {
            long rows = 0, sent = 0, empty = 0, duplicates = 0;
            var setAside = new SortedDictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var reason = reader.IsDBNull(0) ? null : reader.GetString(0);
                var reasonRows = reader.GetInt64(1);
                var distinctValues = reader.GetInt64(2);
                rows += reasonRows;
                if (reason == AudienceValueRules.Empty)
                {
                    empty += reasonRows;
                    continue;
                }
                duplicates += reasonRows - distinctValues;
                if (reason is null)
                {
                    sent = distinctValues;
                }
                else
                {
                    setAside[reason] = distinctValues;
                }
            }
            return new AudienceCounts(rows, sent, empty, duplicates, setAside, normalized);
        });
    }

    /// <summary>
    /// DuckDB's message is the best description of a SQL mistake: pass it on, whole. A read the sandbox refused
    /// also says which setting decides what a query may read.
    /// </summary>
    internal static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DuckDBException exception) when (IsSandboxRefusal(exception.Message))
        {
            throw new AudienceRejectedException(
                $"The query tried to read something outside the folders Herald may read ({exception.Message}). Queries read the customer 360 " +
                "and files under Herald:Source:AllowedDirectories only, never URLs: move the file there, or add its folder to that setting.", exception);
        }
        catch (DuckDBException exception) when (IsTempDirectoryFull(exception.Message))
        {
            throw new AudienceRejectedException(
                $"The query needed more spill space on disk than Herald allows ({FirstSentence(exception.Message)}). Narrow the query, " +
                "or raise Herald__Source__MaxTempDirectorySize (Herald:Source:MaxTempDirectorySize).", exception);
        }
        catch (DuckDBException exception) when (IsOutOfMemory(exception.Message))
        {
            // DuckDB's own advice (SET memory_limit, SET threads) names statements Herald refuses: name Herald's settings instead.
            throw new AudienceRejectedException(
                $"The query ran out of memory in DuckDB ({FirstSentence(exception.Message)}). Narrow the query, raise " +
                "Herald__Source__MemoryLimit (Herald:Source:MemoryLimit), or lower Herald__Source__Threads (Herald:Source:Threads).", exception);
        }
        catch (DuckDBException exception)
        {
            throw new AudienceRejectedException($"The query failed in DuckDB: {exception.Message}", exception);
        }
        catch (InvalidOperationException exception) when (exception.Message.StartsWith("Invalid number of parameters", StringComparison.Ordinal))
        {
            // DuckDB prepares the query and finds a placeholder ($1, ?) that Herald has no value for.
            throw new AudienceRejectedException(
                $"The query failed in DuckDB: {exception.Message}. Herald passes no parameters: write the values into the query instead of $1 or ?.", exception);
        }
    }

    private static bool IsSandboxRefusal(string message) =>
        message.Contains("Permission Error", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("disabled by configuration", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("Extension", StringComparison.OrdinalIgnoreCase);

    private static bool IsTempDirectoryFull(string message) =>
        message.Contains("max_temp_directory_size", StringComparison.OrdinalIgnoreCase);

    private static bool IsOutOfMemory(string message) =>
        message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>DuckDB's message up to its advice, which names statements Herald does not allow.</summary>
    private static string FirstSentence(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        var advice = line.IndexOf(" Possible solutions", StringComparison.OrdinalIgnoreCase);
        return advice > 0 ? line[..advice] : line;
    }

    internal static void Translate(Action action) => Translate(() => { action(); return 0; });
}
