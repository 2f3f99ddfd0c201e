namespace Herald.Server.Hosting;

/// <summary>
/// Which folders a query may read (Herald:Source:AllowedDirectories), and the rule that keeps Herald's own files out
/// of them: no allowed folder may be the data directory, hold it, or lie inside it, except the embedded sample's
/// own folder (which holds nothing but sample databases). The keys, the API key, herald.db, audience files and
/// diff samples all live in the data directory, so no query can ever reach them.
/// </summary>
internal static class SourceFolders
{
    public const string Setting = "Herald:Source:AllowedDirectories";

    /// <summary>
    /// The configured folders, or the customer 360 file's own folder, as real paths: DuckDB is given the same folders
    /// the overlap check compared, not a way through a link that the check did not follow.
    /// </summary>
    public static IReadOnlyList<string> AllowedOf(HeraldOptions options)
    {
        if (options.Source.AllowedDirectories is { Length: > 0 } configured)
        {
            return [.. configured.Select(Full).Select(Resolved)];
        }
        var database = options.Source.DuckDbPath ?? SampleDatabase.PathFor(options);
        return [Resolved(Full(Path.GetDirectoryName(Path.GetFullPath(database))!))];
    }

    /// <summary>What is wrong with the allowed folders, naming the setting; empty when they are safe.</summary>
    public static IEnumerable<string> Problems(HeraldOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            yield break;
        }
        var data = Resolved(Full(options.DataDirectory));
        var sample = Resolved(Full(Path.GetDirectoryName(SampleDatabase.PathFor(options))!));
        foreach (var configured in options.Source.AllowedDirectories ?? [])
        {
            if (string.IsNullOrWhiteSpace(configured) || !Path.IsPathFullyQualified(configured))
            {
                yield return $"{Setting} holds '{configured}': give absolute folder paths.";
            }
        }
        foreach (var allowed in AllowedOf(options))
        {
            var holdsData = data.StartsWith(allowed, StringComparison.Ordinal);
            var insideData = allowed.StartsWith(data, StringComparison.Ordinal) && !allowed.StartsWith(sample, StringComparison.Ordinal);
            if (holdsData || insideData)
            {
                yield return $"{Setting} would let queries read '{allowed}', which overlaps Herald's data directory '{data}' (keys, API key, " +
                    "herald.db, audience files). Keep the customer 360 and its files in a folder outside the data directory, and name that folder in " +
                    $"{Setting} (or Herald:Source:DuckDbPath, whose folder is the default).";
            }
        }
    }

    /// <summary>A full path ending in a separator, so that '/data/c360' never matches '/data/c360-other'.</summary>
    private static string Full(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar;
    }

    /// <summary>The folder with every link on its way resolved, so that a link into the data directory, anywhere in the path, is seen as such.</summary>
    private static string Resolved(string folder)
    {
        try
        {
            return Full(RealPath.Of(folder));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return folder;
        }
    }
}
