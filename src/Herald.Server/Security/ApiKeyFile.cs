using System.Security.Cryptography;
using Herald.Storage.Secrets;

namespace Herald.Server;

/// <summary>The API key the server writes into its data directory on first start, for the CLI to read.</summary>
public static class ApiKeyFile
{
    public const string FileName = "api-key";

    public static string? TryRead(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    internal static string LoadOrCreate(string dataDirectory)
    {
        if (TryRead(dataDirectory) is { Length: > 0 } existing)
        {
            return existing;
        }
        var key = "hk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        KeyFile.WriteOwnerOnly(Path.Combine(dataDirectory, FileName), key);
        return TryRead(dataDirectory)!;
    }
}
