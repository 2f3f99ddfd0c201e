using System.Globalization;
using System.Runtime.CompilerServices;
using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// Builds the Insider One tables from the customer 360 inside DuckDB's sandbox, as audience queries are built: a
/// template must be one SELECT, reads only the customer 360 and the allowed folders, and is interrupted at
/// <see cref="DuckDbSourceOptions.QueryTimeout"/>. <see cref="CheckAsync"/> validates and previews a template;
/// <see cref="ReadRowsAsync"/> streams its rows in key order to the publisher without holding them.
/// </summary>
/// <exception cref="AudienceRejectedException">From both methods: the SQL is not one SELECT, fails in DuckDB, reads
/// outside the sandbox or runs too long; the message says what to change.</exception>
public sealed class DuckDbInsiderTableSource(DuckDbSourceOptions options)
{
    /// <summary>Rows a check shows.</summary>
    public const int PreviewRows = 100;

    /// <summary>Validates <paramref name="template"/> against its rules and previews it; problems are listed, not thrown.</summary>
    public Task<InsiderTableCheck> CheckAsync(InsiderTableTemplate template, CancellationToken cancellationToken) =>
        Task.Run(() => Check(template, cancellationToken), cancellationToken);

    /// <summary>
    /// The template's rows ordered by its key column, each as the columns' values (DuckDB's CLR values: string, long,
    /// decimal, double, bool, DateOnly/DateTime, or null). Check the template first: rows are streamed as they are.
    /// </summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync(
        InsiderTableTemplate template, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
        session.RequireSingleSelect(template.Sql);
        var columns = DuckDbAudienceSource.Translate(() => ColumnsOf(session, template.Sql));
        var key = columns.First(column => column.Name.Equals(template.KeyColumn, StringComparison.OrdinalIgnoreCase)).Name;
        foreach (var row in session.Stream(
            $"SELECT * FROM {SqlText.AsSubquery(template.Sql)} AS q ORDER BY {SqlText.Identifier(key)}", reader =>
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                return values;
            }))
        {
            yield return row;
        }
    }

    private InsiderTableCheck Check(InsiderTableTemplate template, CancellationToken cancellationToken)
    {
        using var session = DuckDbSession.Open(options, outputPath: null, cancellationToken);
        session.RequireSingleSelect(template.Sql);
        var columns = DuckDbAudienceSource.Translate(() => ColumnsOf(session, template.Sql));
        var problems = new List<string>(InsiderTableNames.Problems(template.Name, columns));
        foreach (var column in columns.Where(column => column.SnowflakeType is null))
        {
            problems.Add($"Column '{column.Name}' of {template.Name} is {column.DuckDbType}, which Snowflake cannot hold as it is: cast it to VARCHAR, a number, BOOLEAN, DATE or TIMESTAMP.");
        }

        var rules = new List<(InsiderColumnRule Rule, string Column)>();
        foreach (var rule in template.Rules)
        {
            var column = columns.FirstOrDefault(c => c.Name.Equals(rule.Column, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add($"{template.Name} needs a column '{rule.Column}' ({KindName(rule.Kind)}); add it to the SELECT.");
            }
            else if (SnowflakeTypeOf.KindOf(column.DuckDbType) != rule.Kind)
            {
                problems.Add($"Column '{column.Name}' of {template.Name} is {column.DuckDbType}; it must be {KindName(rule.Kind)} (cast it).");
            }
            else
            {
                rules.Add((rule, column.Name));
            }
        }
        if (problems.Count > 0)
        {
            return new InsiderTableCheck(template.Name, columns, [], 0, new Dictionary<string, double>(), problems);
        }

        var (rowCount, shares) = DuckDbAudienceSource.Translate(() => Measure(session, template, rules, problems));
        var firstRows = DuckDbAudienceSource.Translate(() => session.Query(
            $"SELECT * FROM {SqlText.AsSubquery(template.Sql)} AS q LIMIT {PreviewRows}", reader =>
            {
                var rows = new List<IReadOnlyList<string?>>();
                while (reader.Read())
                {
                    rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.IsDBNull(i) ? null : reader.GetValue(i)))]);
                }
                return rows;
            }));
        return new InsiderTableCheck(template.Name, columns, firstRows, rowCount, shares, problems);
    }

    /// <summary>
    /// One pass over the template's rows: the count, the keys missing or repeated, the values breaking a rule, and the
    /// rows holding each reported identifier.
    /// </summary>
    private static (long Rows, Dictionary<string, double> Shares) Measure(
        DuckDbSession session, InsiderTableTemplate template, List<(InsiderColumnRule Rule, string Column)> rules, List<string> problems)
    {
        string Column(string name) => SqlText.Identifier(rules.First(r => r.Rule.Column == name).Column);
        var key = Column(template.KeyColumn);
        var measures = new List<string>
        {
            "count(*)::BIGINT",
            $"count(*) FILTER (WHERE {key} IS NULL)::BIGINT",
            $"(count({key}) - count(DISTINCT {key}))::BIGINT",
            $"count(*) FILTER (WHERE {Column(template.UpdatedAtColumn)} IS NULL)::BIGINT",
        };
        var patterned = rules.Where(r => r.Rule.Pattern is not null).ToList();
        measures.AddRange(patterned.Select(r =>
            $"count(*) FILTER (WHERE {SqlText.Identifier(r.Column)} IS NOT NULL AND NOT regexp_full_match({SqlText.Identifier(r.Column)}, {SqlText.Literal(r.Rule.Pattern!)}))::BIGINT"));
        var reported = rules.Where(r => r.Rule.ShareReported).ToList();
        measures.AddRange(reported.Select(r => $"count({SqlText.Identifier(r.Column)})::BIGINT"));

        return session.Query($"SELECT {string.Join(", ", measures)} FROM {SqlText.AsSubquery(template.Sql)} AS q", reader =>
        {
            reader.Read();
            var rows = reader.GetInt64(0);
            if (reader.GetInt64(1) > 0)
            {
                problems.Add($"{reader.GetInt64(1):N0} rows of {template.Name} have no {template.KeyColumn}; every row needs one (filter them out).");
            }
            if (reader.GetInt64(2) > 0)
            {
                problems.Add($"{reader.GetInt64(2):N0} rows of {template.Name} repeat a {template.KeyColumn} another row has; keys must be unique.");
            }
            if (reader.GetInt64(3) > 0)
            {
                problems.Add($"{reader.GetInt64(3):N0} rows of {template.Name} have no {template.UpdatedAtColumn}; derive it from the data for every row.");
            }
            for (var i = 0; i < patterned.Count; i++)
            {
                if (reader.GetInt64(4 + i) is var broken and > 0)
                {
                    problems.Add($"{broken:N0} values of '{patterned[i].Column}' in {template.Name} do not match {patterned[i].Rule.Pattern}; make them match or null.");
                }
            }
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < reported.Count; i++)
            {
                shares[reported[i].Column] = rows == 0 ? 0 : reader.GetInt64(4 + patterned.Count + i) / (double)rows;
            }
            return (rows, shares);
        });
    }

    private string? Cell(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        return text is { Length: var length } && length > options.PreviewMaxCellChars ? text[..options.PreviewMaxCellChars] : text;
    }

    private static InsiderTableColumn[] ColumnsOf(DuckDbSession session, string sql) =>
        session.Query($"DESCRIBE SELECT * FROM {SqlText.AsSubquery(sql)} AS q", reader =>
        {
            var columns = new List<InsiderTableColumn>();
            while (reader.Read())
            {
                var type = reader.GetString(1);
                columns.Add(new InsiderTableColumn(reader.GetString(0), type, SnowflakeTypeOf.DuckDbType(type)));
            }
            return columns.ToArray();
        });

    private static string KindName(InsiderColumnKind kind) => kind == InsiderColumnKind.Text ? "VARCHAR" : "a TIMESTAMP";
}
