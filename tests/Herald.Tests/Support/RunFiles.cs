using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Storage.Files;
using Herald.Storage.Secrets;

namespace Herald.Tests.Support;

/// <summary>A stopped server's run files, as its workspace and file host keep them in the data directory.</summary>
internal static class RunFiles
{
    public static IRunWorkspace Workspace(string data) => new LocalRunWorkspace(Path.Combine(data, "files"));

    public static IFileHost Host(string data) =>
        new LocalFileHost(Path.Combine(data, "files"), () => new Uri("http://127.0.0.1/"), new UrlSigner(new DirectoryKeyRing(data)));

    /// <summary>Builds the run's audience (one value a line) and publishes it as the file of part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public static async Task<StagedFile> PublishAsync(string data, Guid runId, IEnumerable<string> values, int part = 1, int parts = 1)
    {
        var built = Workspace(data).PartBuildPath(runId, part);
        await File.WriteAllTextAsync(built, string.Concat(values.Select(v => v + "\n")));
        return await Host(data).PublishAsync(built, StagedFileNames.Of(runId, part, parts), DateTimeOffset.UtcNow.AddHours(12), CancellationToken.None);
    }
}
