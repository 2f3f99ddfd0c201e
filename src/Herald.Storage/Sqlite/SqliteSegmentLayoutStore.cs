using System.Text.Json;
using Dapper;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Storage.Sqlite;

/// <summary>Segment layouts in the <c>segment_layouts</c> table, one row per destination and segment name.</summary>
public sealed class SqliteSegmentLayoutStore(SqliteDatabase database) : ISegmentLayoutStore
{
    public async Task<SegmentLayout?> FindAsync(Guid destinationId, string segmentName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LayoutRow>(
            """
            SELECT segments AS Segments, run_id AS RunId, updated_at AS UpdatedAt FROM segment_layouts
            WHERE destination_id = @DestinationId AND segment_name = @SegmentName
            """,
            new { DestinationId = destinationId.ToString(), SegmentName = segmentName });
        return row is null ? null : new SegmentLayout(destinationId, segmentName,
            JsonSerializer.Deserialize<string[]>(row.Segments) ?? [], Guid.Parse(row.RunId), UnixTime.From(row.UpdatedAt));
    }

    public async Task SaveAsync(SegmentLayout layout, CancellationToken cancellationToken)
    {
        if (layout.Segments.Count == 0)
        {
            throw new ArgumentException("A layout has at least one segment.", nameof(layout));
        }
        await database.WriteAsync(connection => connection.ExecuteAsync(
            """
            INSERT INTO segment_layouts (destination_id, segment_name, segments, run_id, updated_at)
            VALUES (@DestinationId, @SegmentName, @Segments, @RunId, @UpdatedAt)
            ON CONFLICT (destination_id, segment_name) DO UPDATE SET segments = excluded.segments, run_id = excluded.run_id, updated_at = excluded.updated_at
            """,
            new
            {
                DestinationId = layout.DestinationId.ToString(),
                layout.SegmentName,
                Segments = JsonSerializer.Serialize(layout.Segments),
                RunId = layout.RunId.ToString(),
                UpdatedAt = UnixTime.Ms(layout.UpdatedAt),
            }), cancellationToken);
    }

    private sealed record LayoutRow(string Segments, string RunId, long UpdatedAt);
}
