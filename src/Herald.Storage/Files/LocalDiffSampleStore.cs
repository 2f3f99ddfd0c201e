using System.Text.Json;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Storage.Files;

/// <summary>
/// Diff samples as one small JSON file per run in a private folder of the data directory: never in the served
/// area, never in the run's record. Written whole or not at all.
/// </summary>
public sealed class LocalDiffSampleStore : IDiffSampleStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _directory;

    public LocalDiffSampleStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(_directory);
    }

    public async Task SaveAsync(Guid runId, SegmentDiffSample sample, CancellationToken cancellationToken)
    {
        var target = PathOf(runId);
        var partial = target + ".part";
        await using (var stream = File.Create(partial))
        {
            await JsonSerializer.SerializeAsync(stream, sample, Json, cancellationToken);
        }
        File.Move(partial, target, overwrite: true);
    }

    public async Task<SegmentDiffSample?> ReadAsync(Guid runId, CancellationToken cancellationToken)
    {
        var path = PathOf(runId);
        if (!File.Exists(path))
        {
            return null;
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SegmentDiffSample>(stream, Json, cancellationToken);
    }

    private string PathOf(Guid runId) => Path.Combine(_directory, $"{runId:N}.json");
}
