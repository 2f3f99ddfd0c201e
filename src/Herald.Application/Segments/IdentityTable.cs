using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.Extensions.Options;

namespace Herald.Application.Segments;

/// <summary>
/// The customer 360's table of one row per customer (Herald:Segments:IdentityTable) as the source describes it: the one
/// place that says which of its columns a segment may send, checked against the schema, never against the name alone.
/// </summary>
internal sealed class IdentityTable(IAudienceSource source, IOptions<SegmentOptions> options)
{
    /// <summary>The longest identifier column name quoted back in a message (a hostile name is cut, never shown whole).</summary>
    private const int MaxQuotedName = 80;

    public string Name => options.Value.IdentityTable;

    /// <summary>The table's columns, or a problem saying what to change. Throws <see cref="AudienceRejectedException"/> when the source cannot be read.</summary>
    public async Task<(IReadOnlyList<SourceColumn> Columns, string? Problem)> ColumnsAsync(CancellationToken cancellationToken)
    {
        var schema = await source.DescribeAsync(cancellationToken);
        var table = schema.Tables.FirstOrDefault(t => string.Equals(t.Name, Name, StringComparison.OrdinalIgnoreCase));
        if (table is null)
        {
            return ([], $"The customer 360 has no table '{Name}' (Herald:Segments:IdentityTable)" + (schema.Shortened is null ? "" : $" among the tables described ({schema.Shortened})") +
                ": set that setting to the table of one row per customer.");
        }
        if (!table.Columns.Any(c => string.Equals(c.Name, SavedSegment.KeyColumn, StringComparison.OrdinalIgnoreCase)))
        {
            return ([], $"The table '{Name}' (Herald:Segments:IdentityTable) has no column {SavedSegment.KeyColumn}, the key segments return: set that setting to the table of one row per customer.");
        }
        return (table.Columns, null);
    }

    /// <summary>
    /// The identity table's column named <paramref name="column"/> (any case) when it can carry values of
    /// <paramref name="attribute"/>, with the schema's spelling; otherwise the problem, naming the columns that can.
    /// </summary>
    public async Task<(SourceColumn? Column, string? Problem)> IdentifierAsync(string? column, AttributeType attribute, string attributeName, CancellationToken cancellationToken)
    {
        var (columns, problem) = await ColumnsAsync(cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var fitting = columns.Where(c => !IsKey(c) && IdentifierColumnTypes.Fits(attribute, c.Type)).Select(c => c.Name).ToList();
        var choose = fitting.Count == 0 ? $"the table has no {IdentifierColumnTypes.Describe(attribute)}" : $"choose one of {string.Join(", ", fitting)}";
        if (string.IsNullOrWhiteSpace(column))
        {
            return (null, $"Choose the column of {Name} whose values are sent for the segment's members (the identifier column): {choose}.");
        }
        var found = columns.FirstOrDefault(c => string.Equals(c.Name, column.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            return (null, $"The table {Name} has no column '{Quoted(column)}': {choose}.");
        }
        if (IsKey(found) || !IdentifierColumnTypes.Fits(attribute, found.Type))
        {
            return (null, $"The column {found.Name} of {Name} is {found.Type}, but the destination's attribute {attributeName} takes {IdentifierColumnTypes.Describe(attribute)}: {choose}.");
        }
        return (found, null);
    }

    /// <summary>
    /// The columns a segment's preview counts: those that can carry the attribute's values (named like it, such as
    /// email or phone, when some are), or without a destination the text columns named like an email or a phone; at most
    /// <see cref="SegmentOptions.MaxIdentifierColumns"/>, the second value saying when some were left out.
    /// </summary>
    public (IReadOnlyList<SourceColumn> Columns, string? Shortened) Candidates(IReadOnlyList<SourceColumn> columns, AttributeType? attribute)
    {
        var typed = columns.Where(c => !IsKey(c) && (attribute is { } a ? IdentifierColumnTypes.Fits(a, c.Type) : IdentifierColumnTypes.IsText(c.Type))).ToList();
        string[] hints = attribute is { } kind ? IdentifierColumnTypes.NameHint(kind) is { } hint ? [hint] : [] : ["email", "phone"];
        var named = typed.Where(c => hints.Any(h => c.Name.Contains(h, StringComparison.OrdinalIgnoreCase))).ToList();
        var candidates = hints.Length > 0 && (named.Count > 0 || attribute is null) ? named : typed;
        var max = options.Value.MaxIdentifierColumns;
        return candidates.Count <= max
            ? (candidates, null)
            : (candidates.Take(max).ToList(), $"Counted the first {max} of {candidates.Count} identifier columns (Herald:Segments:MaxIdentifierColumns).");
    }

    private static bool IsKey(SourceColumn column) => string.Equals(column.Name, SavedSegment.KeyColumn, StringComparison.OrdinalIgnoreCase);

    private static string Quoted(string name) => name.Length <= MaxQuotedName ? name : name[..MaxQuotedName] + "…";
}
