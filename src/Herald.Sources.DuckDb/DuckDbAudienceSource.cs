using DuckDB.NET.Data;
using Herald.Core.Audiences;
using Herald.Core.Ports;

namespace Herald.Sources.DuckDb;

/// <summary>
/// Builds audiences inside DuckDB: the values never pass through Herald's memory. The query's values are
/// trimmed and grouped once into a scratch table (which DuckDB spills to disk under its memory limit);
/// the counts come from that table and DuckDB's own <c>COPY ... TO</c> writes the file.
/// </summary>
public sealed class DuckDbAudienceSource(DuckDbSourceOptions options) : IAudienceSource
{
    private const string Values = "herald_audience";

    public Task<AudienceCounts> BuildAsync(AudienceQuery query, string outputPath, CancellationToken cancellationToken) =>
        Task.Run(() => Build(query, outputPath), cancellationToken);

    public Task<QueryPreview> PreviewAsync(string sql, int maxRows, CancellationToken cancellationToken) =>
        Task.Run(() => Preview(sql, maxRows), cancellationToken);

    private AudienceCounts Build(AudienceQuery query, string outputPath)
    {
        using var session = DuckDbSession.Open(options);
        session.RequireSingleSelect(query.Sql);
        var columns = Translate(() => ColumnsOf(session, query.Sql));
        AudienceColumnCheck.Require([.. columns.Select(c => c.Name)], query.AttributeName);

        var column = columns[0];
        var reason = AudienceValueRules.ReasonExpression("v", "type_reason", query.AttributeType);
        Translate(() => session.Execute(
            $"""
            CREATE TEMP TABLE {Values} AS
            SELECT v, n, normalized, rewritten, {reason} AS reason
            FROM (
                SELECT v, type_reason, count(*) AS n, any_value(normalized) AS normalized, count(normalized) AS rewritten
                FROM (SELECT {AudienceValueText.SelectList(column, query.AttributeType)} FROM {SqlText.AsSubquery(query.Sql)} AS q)
                GROUP BY v, type_reason
            )
            """));

        var counts = CountsOf(session);
        if (AudienceValueText.NoteOn(column, query.AttributeType, counts.SetAside, counts.Normalized!) is { } note)
        {
            counts = counts with { Notes = [note] };
        }
        if (File.Exists(outputPath))
        {
            File.Delete(outputPath);
        }
        // No quoting and no escaping: each line is the value's text exactly, since every value a one-column reader
        // could not read back was set aside above. (DuckDB's CSV writer would otherwise quote values such as store#12.)
        session.Execute(
            $"COPY (SELECT v FROM {Values} WHERE reason IS NULL) TO {SqlText.Literal(outputPath)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')");
        return counts;
    }

    private QueryPreview Preview(string sql, int maxRows)
    {
        using var session = DuckDbSession.Open(options);
        session.RequireSingleSelect(sql);
        return Translate(() =>
        {
            using var reader = session.Query($"SELECT * FROM {SqlText.AsSubquery(sql)} AS q LIMIT {Math.Clamp(maxRows, 0, 1000)}");
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<IReadOnlyList<string?>>();
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                }
                rows.Add(row);
            }
            return new QueryPreview(columns, rows);
        });
    }

    private static AudienceColumn[] ColumnsOf(DuckDbSession session, string sql)
    {
        using var reader = session.Query($"DESCRIBE SELECT * FROM {SqlText.AsSubquery(sql)} AS q");
        var columns = new List<AudienceColumn>();
        while (reader.Read())
        {
            columns.Add(new AudienceColumn(reader.GetString(0), reader.GetString(1)));
        }
        return [.. columns];
    }

    private static AudienceCounts CountsOf(DuckDbSession session)
    {
        long rows = 0, sent = 0, empty = 0, duplicates = 0;
        var setAside = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var normalized = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using (var rewrites = session.Query(
            $"SELECT normalized, sum(rewritten)::BIGINT FROM {Values} WHERE reason IS NULL AND normalized IS NOT NULL GROUP BY normalized"))
        {
            while (rewrites.Read())
            {
                if (rewrites.GetInt64(1) > 0)
                {
                    normalized[rewrites.GetString(0)] = rewrites.GetInt64(1);
                }
            }
        }
        using var reader = session.Query(
            $"SELECT reason, sum(n)::BIGINT AS rows, count(*)::BIGINT AS distinct_values FROM {Values} GROUP BY reason");
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
    }

    /// <summary>DuckDB's message is the best description of a SQL mistake: pass it on, whole.</summary>
    private static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
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

    private static void Translate(Action action) => Translate(() => { action(); return 0; });
}
