using System.Runtime.InteropServices;

namespace Herald.Server.Hosting;

/// <summary>
/// The data directory holds keys, the API key, tokens, audience files and diff samples (personal data): on Unix it is
/// made readable by Herald's own user only (0700), what it holds 0600 for files and 0700 for folders, and every file
/// Herald or DuckDB creates from now on is born that way (the process's umask is 077).
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Apply(string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        _ = SetUmask(0b000_111_111);
        Directory.CreateDirectory(dataDirectory, Folder);
        System.IO.File.SetUnixFileMode(dataDirectory, Folder);
        foreach (var entry in new DirectoryInfo(dataDirectory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }
            entry.UnixFileMode = entry is DirectoryInfo ? Folder : File;
        }
    }

    // A plain uint in and out: no marshalling, so no unsafe code is needed for it.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
