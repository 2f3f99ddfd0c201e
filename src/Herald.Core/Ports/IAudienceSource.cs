using Herald.Core.Audiences;

namespace Herald.Core.Ports;

/// <summary>A customer 360 engine that turns a query into a one-column audience file.</summary>
public interface IAudienceSource
{
    /// <summary>
    /// Runs the query read-only and writes the distinct sendable values, one per line, to
    /// <paramref name="outputPath"/>. Throws <see cref="AudienceRejectedException"/> when the query or
    /// its shape is wrong; nothing is written then.
    /// </summary>
    Task<AudienceCounts> BuildAsync(AudienceQuery query, string outputPath, CancellationToken cancellationToken);

    /// <summary>
    /// The counts a build of the query would have (values to send, empty, duplicates, set aside by reason), by the same
    /// value rules and in the same sandbox, with nothing written: a preview's "what would be sent". Throws
    /// <see cref="AudienceRejectedException"/> as <see cref="BuildAsync"/> does.
    /// </summary>
    Task<AudienceCounts> CountAsync(AudienceQuery query, CancellationToken cancellationToken);

    /// <summary>The first rows of the query, for previews; the same read-only rules apply.</summary>
    Task<QueryPreview> PreviewAsync(string sql, int maxRows, CancellationToken cancellationToken);

    /// <summary>
    /// The tables and views a query can read, with their columns' names and types, read inside the same sandbox as a
    /// query; at most the source's limit of columns, saying so when it stops. Throws <see cref="AudienceRejectedException"/>
    /// when the customer 360 cannot be opened.
    /// </summary>
    Task<SourceSchema> DescribeAsync(CancellationToken cancellationToken);
}

/// <summary>A query's first rows as text.</summary>
/// <param name="Shortened">Why the preview shows less than the query returned (rows left out, cells cut), or null when it is whole.</param>
public sealed record QueryPreview(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows, string? Shortened = null);
