using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// Each destination's segment layout as its last upload left it, read from the runs stored before Herald kept the
/// layout as a fact, so that the shrink guard keeps guarding segments uploaded before the upgrade.
/// </summary>
internal static class SegmentLayoutBackfill
{
    public static async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var layouts = new Dictionary<(string Destination, string Segment), (string Segments, string RunId, long At)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, destination_id, updated_at, document FROM runs ORDER BY seq";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                using var document = JsonDocument.Parse(reader.GetString(3));
                var root = document.RootElement;
                if (!root.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array
                    || !parts.EnumerateArray().Any(p => p.TryGetProperty("submissionStartedAt", out var started) && started.ValueKind == JsonValueKind.String))
                {
                    continue;
                }
                var segment = root.GetProperty("origin").GetProperty("segmentName").GetString()!;
                var names = parts.EnumerateArray().Select(p => p.GetProperty("segmentName").GetString()!).ToArray();
                // Later runs come later: the last one wins.
                layouts[(reader.GetString(1), segment)] = (JsonSerializer.Serialize(names), reader.GetString(0), reader.GetInt64(2));
            }
        }
        foreach (var ((destination, segment), (segments, runId, at)) in layouts)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO segment_layouts (destination_id, segment_name, segments, run_id, updated_at)
                VALUES ($destination, $segment, $segments, $run, $at)
                """;
            insert.Parameters.AddWithValue("$destination", destination);
            insert.Parameters.AddWithValue("$segment", segment);
            insert.Parameters.AddWithValue("$segments", segments);
            insert.Parameters.AddWithValue("$run", runId);
            insert.Parameters.AddWithValue("$at", at);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
