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
        AudienceColumnCheck.Require(columns, query.AttributeName);

        var column = SqlText.Identifier(columns[0]);
        var reason = AudienceValueRules.ReasonExpression("v", query.ValueRule);
        Translate(() => session.Execute(
            $"""
            CREATE TEMP TABLE {Values} AS
            SELECT v, n, {reason} AS reason
            FROM (
                SELECT trim(CAST(q.{column} AS VARCHAR), ' ' || chr(9) || chr(10) || chr(13)) AS v, count(*) AS n
                FROM {SqlText.AsSubquery(query.Sql)} AS q
                GROUP BY 1
            )
            """));

        var counts = CountsOf(session);
        if (File.Exists(outputPath))
        {
            File.Delete(outputPath);
        }
        session.Execute(
            $"COPY (SELECT v FROM {Values} WHERE reason IS NULL) TO {SqlText.Literal(outputPath)} (FORMAT csv, HEADER false)");
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

    private static string[] ColumnsOf(DuckDbSession session, string sql)
    {
        using var reader = session.Query($"SELECT * FROM {SqlText.AsSubquery(sql)} AS q LIMIT 0");
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }

    private static AudienceCounts CountsOf(DuckDbSession session)
    {
        long rows = 0, sent = 0, empty = 0, duplicates = 0;
        var setAside = new SortedDictionary<string, long>(StringComparer.Ordinal);
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
        return new AudienceCounts(rows, sent, empty, duplicates, setAside);
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
    }

    private static void Translate(Action action) => Translate(() => { action(); return 0; });
}
