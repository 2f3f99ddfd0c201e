namespace Herald.Server.Hosting;

/// <summary>
/// A path with every symbolic link resolved, in any segment (as <c>realpath</c> does), so that two paths naming the
/// same folder compare equal however they reach it: resolving only the last segment lets '/a/link-to-root/data'
/// pass for a folder outside '/data'. Segments that do not exist yet are kept as written.
/// </summary>
internal static class RealPath
{
    // Links pointing at links pointing at links: past this many, the path is a loop and is kept as far as resolved.
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/>, a fully qualified path.</summary>
    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string path, ref int links)
    {
        var root = Path.GetPathRoot(path)!;
        var segments = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        foreach (var segment in segments)
        {
            var next = Path.Combine(current, segment);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (entry.LinkTarget is { } target && links++ < MaxLinks)
            {
                // A relative target is relative to the link's own folder, whose path is already real.
                next = Resolve(Path.GetFullPath(target, current), ref links);
            }
            current = next;
        }
        return current;
    }
}
