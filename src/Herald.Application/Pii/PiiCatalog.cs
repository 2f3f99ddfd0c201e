using Herald.Core.Pii;
using Herald.Core.Ports;

namespace Herald.Application.Pii;

/// <summary>
/// The one place that says what is personal data: the PII columns (the customer 360's <c>Pii_Columns</c> table and
/// Herald:Source:PiiColumns together) and which columns of a query's result come from them. Previews, runs, diff
/// samples and pages ask it.
/// </summary>
/// <remarks>
/// The column rule, as traced through DuckDB's parser (never by running the query):
/// <list type="bullet">
/// <item>A result column named like a PII column of a table the query reads is PII.</item>
/// <item>In a plain query (one SELECT over tables and joins), a result column is PII when its expression names a PII
/// column of a table the query reads (<c>lower(c.email) AS e</c> is PII; a filter such as <c>WHERE email LIKE ...</c>
/// does not make <c>amperity_id</c> PII).</item>
/// <item>Otherwise (common table expressions, subqueries, set operations, <c>*</c>), when the query names a PII column of a
/// table it reads anywhere, or reads such a table with <c>*</c>, every result column is PII: Herald cannot follow a value
/// through renames it does not trace, so it errs on the side of hiding.</item>
/// </list>
/// Its limits: columns are matched by name without resolving which of two joined tables holds them (a same-named
/// column of another table counts as PII), and a view over a PII table is PII only if the view's own columns are marked.
/// </remarks>
internal sealed class PiiCatalog(ISourceLineage source, PiiSettings settings)
{
    /// <summary>The PII columns: the customer 360's marks and the configured ones, each once.</summary>
    public async Task<IReadOnlyList<PiiColumn>> ColumnsAsync(CancellationToken cancellationToken)
    {
        var marked = await source.ReadMarkedColumnsAsync(settings.MaxMarkedColumns, cancellationToken);
        var columns = new List<PiiColumn>();
        foreach (var column in marked.Concat(settings.Configured))
        {
            if (!columns.Any(c => c.Is(column.Table, column.Column)))
            {
                columns.Add(column);
            }
        }
        return columns;
    }

    /// <summary>
    /// Which of <paramref name="resultColumns"/> (the query's result, in order) are PII, and whether the audience is,
    /// given the destination's <paramref name="attributeName"/> (null when none is chosen). Throws
    /// <see cref="Core.Audiences.AudienceRejectedException"/> when the query is not one valid SELECT.
    /// </summary>
    public async Task<PiiFinding> ClassifyAsync(string sql, IReadOnlyList<string> resultColumns, string? attributeName, CancellationToken cancellationToken)
    {
        var lineage = await source.TraceAsync(sql, cancellationToken);
        var marks = await ColumnsAsync(cancellationToken);
        var inPlay = marks.Where(m => lineage.TablesRead.Contains(m.Table, StringComparer.OrdinalIgnoreCase)).ToList();
        var columns = resultColumns.Select((name, index) => new PiiResultColumn(name, SourcesOf(name, index, lineage, inPlay))).ToList();
        return Decide(columns, attributeName);
    }

    private static List<PiiColumn> SourcesOf(string resultName, int index, QueryLineage lineage, List<PiiColumn> inPlay)
    {
        var named = inPlay.Where(m => string.Equals(m.Column, resultName, StringComparison.OrdinalIgnoreCase));
        IEnumerable<PiiColumn> traced = lineage.ResultColumnSources is { } sources
            ? index < sources.Count ? inPlay.Where(m => sources[index].Contains(m.Column, StringComparer.OrdinalIgnoreCase)) : []
            : lineage.ReadsEveryColumn ? inPlay : inPlay.Where(m => lineage.ColumnsReferenced.Contains(m.Column, StringComparer.OrdinalIgnoreCase));
        return [.. named.Concat(traced).Distinct()];
    }

    private static PiiFinding Decide(List<PiiResultColumn> columns, string? attributeName)
    {
        var fromPii = columns.Where(c => c.IsPii).ToList();
        var columnRule = fromPii.Count == 0 ? null
            : "the column rule: " + string.Join("; ", fromPii.Select(c => $"{c.Name} comes from {string.Join(", ", c.From)}"));
        var attributeRule = PersonalIdentifiers.Contains(attributeName) ? $"the attribute rule: {attributeName!.Trim()} is a personal identifier" : null;
        var rule = (columnRule, attributeRule) switch
        {
            (null, null) => "Not PII: no column comes from a PII column (Pii_Columns, Herald:Source:PiiColumns)" +
                (attributeName is null ? "." : $", and the attribute {attributeName.Trim()} is not a personal identifier."),
            ({ } c, null) => $"PII by {c}.",
            (null, { } a) => $"PII by {a}.",
            ({ } c, { } a) => $"PII by {c}; and by {a}.",
        };
        return new PiiFinding(columns, columnRule is not null || attributeRule is not null, rule);
    }
}
