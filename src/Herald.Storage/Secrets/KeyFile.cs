using System.Security.Cryptography;

namespace Herald.Storage.Secrets;

/// <summary>
/// A random key kept in a file readable only by its owner, created on first use. Losing the file makes
/// the secrets it protects unreadable, which is the point: back up the data directory as a whole.
/// </summary>
public static class KeyFile
{
    public static byte[] LoadOrCreate(string path, int bytes)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length != bytes)
            {
                throw new InvalidDataException($"The key file '{Path.GetFileName(path)}' in Herald's data directory is damaged (expected {bytes} bytes). Restore it from a backup.");
            }
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(bytes);
        WriteOwnerOnly(path, Convert.ToBase64String(key));
        return key;
    }

    /// <summary>Writes a new file that only its owner can read, atomically (never a half-written key).</summary>
    public static void WriteOwnerOnly(string path, string content)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }
        // Another process may have won the race to create the key; keep theirs so both agree.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
