namespace Herald.Tests.Support;

/// <summary>The repository's own files, found from the test assembly's folder upward (the folder holding Herald.sln).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Herald.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Herald.sln above {AppContext.BaseDirectory}: these tests read the repository's sources.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The C# sources of a project under src/, without build output.</summary>
    public static IEnumerable<string> SourcesOf(string project)
    {
        var directory = Path.Combine(Root, "src", project);
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !InBuildOutput(Path.GetRelativePath(directory, path)))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Every project folder under src/.</summary>
    public static IEnumerable<string> Projects() =>
        Directory.EnumerateDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static bool InBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).FirstOrDefault() is "bin" or "obj";
}
