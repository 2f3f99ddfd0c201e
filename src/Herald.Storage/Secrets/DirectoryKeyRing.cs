using System.Collections.Concurrent;
using Herald.Core.Ports;

namespace Herald.Storage.Secrets;

/// <summary>
/// Keys as owner-only files in <c>keys/</c> of the data directory (<c>keys/{purpose}.key</c>). Instances that share
/// one data directory share the keys; instances that share only a database need a ring kept with it.
/// </summary>
public sealed class DirectoryKeyRing(string dataDirectory) : IKeyRing
{
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public byte[] KeyFor(string purpose)
    {
        if (purpose.Length == 0 || !purpose.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            throw new ArgumentException($"'{purpose}' is not a key purpose; use one of KeyPurposes.", nameof(purpose));
        }
        return _keys.GetOrAdd(purpose, p => KeyFile.LoadOrCreate(Path.Combine(dataDirectory, "keys", $"{p}.key"), KeyPurposes.KeyBytes));
    }
}
