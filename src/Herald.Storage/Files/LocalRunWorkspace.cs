using Herald.Core.Ports;

namespace Herald.Storage.Files;

/// <summary>
/// Runs' private files on local disk (<c>files/building</c>): <c>{run}.csv.part</c> for the built audience,
/// <c>{run}-{n}.csv.part</c> for the parts, <c>{run}.work/</c> for scratch.
/// </summary>
public sealed class LocalRunWorkspace : IRunWorkspace
{
    private readonly string _buildingDirectory;

    /// <param name="root">The data directory's <c>files</c> folder.</param>
    public LocalRunWorkspace(string root)
    {
        _buildingDirectory = Path.Combine(root, "building");
        Directory.CreateDirectory(_buildingDirectory);
    }

    public string PrepareBuildPath(Guid runId)
    {
        var path = BuildPathOf(runId);
        File.Delete(path);
        return path;
    }

    public string? FindBuiltFile(Guid runId) => File.Exists(BuildPathOf(runId)) ? BuildPathOf(runId) : null;

    public string PartBuildPath(Guid runId, int partNumber) => Path.Combine(_buildingDirectory, $"{runId:N}-{partNumber}.csv.part");

    public string? FindPartFile(Guid runId, int partNumber) =>
        File.Exists(PartBuildPath(runId, partNumber)) ? PartBuildPath(runId, partNumber) : null;

    public string PrepareWorkDirectory(Guid runId)
    {
        var path = WorkDirectoryOf(runId);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        return path;
    }

    public void DeleteWork(Guid runId)
    {
        var path = WorkDirectoryOf(runId);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        File.Delete(BuildPathOf(runId));
    }

    public void DiscardUnpublished(Guid runId)
    {
        DeleteWork(runId);
        foreach (var part in Directory.EnumerateFiles(_buildingDirectory, $"{runId:N}-*.csv.part"))
        {
            File.Delete(part);
        }
    }

    private string BuildPathOf(Guid runId) => Path.Combine(_buildingDirectory, $"{runId:N}.csv.part");

    private string WorkDirectoryOf(Guid runId) => Path.Combine(_buildingDirectory, $"{runId:N}.work");
}
