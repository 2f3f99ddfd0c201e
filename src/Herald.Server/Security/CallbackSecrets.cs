using System.Security.Cryptography;
using System.Text;
using Herald.Storage.Secrets;

namespace Herald.Server.Security;

/// <summary>
/// The unguessable secret in each run's callback URL. It is derived from the run id with a key kept in
/// the data directory, so it needs no storage, survives restarts and is checked in constant time.
/// </summary>
internal sealed class CallbackSecrets(byte[] key)
{
    public static CallbackSecrets FromDataDirectory(string dataDirectory) =>
        new(KeyFile.LoadOrCreate(Path.Combine(dataDirectory, "keys", "callback.key"), 32));

    public string For(Guid runId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"callback:{runId:N}")));

    public bool Verify(Guid runId, string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(runId)), Encoding.ASCII.GetBytes(secret));
}
