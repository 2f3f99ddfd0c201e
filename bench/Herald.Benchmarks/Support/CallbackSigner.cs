using System.Security.Cryptography;
using System.Text;
using Herald.Storage.Secrets;

namespace Herald.Benchmarks.Support;

/// <summary>
/// The per-run secret of Herald's callback URLs, derived as Herald.Server.Security.CallbackSecrets derives it
/// (an HMAC of the run id with the key in the data directory). A load generator needs genuine URLs for runs
/// it staged itself; if Herald changes the derivation, every callback of the smoke test is refused and it fails.
/// </summary>
public sealed class CallbackSigner(byte[] key)
{
    public static CallbackSigner ForDataDirectory(string dataDirectory) =>
        new(KeyFile.LoadOrCreate(Path.Combine(dataDirectory, "keys", "callback.key"), 32));

    public static CallbackSigner ForKeyFile(string path) => new(KeyFile.LoadOrCreate(path, 32));

    public string SecretFor(Guid runId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"callback:{runId:N}")));

    public bool Verify(Guid runId, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretFor(runId)), Encoding.ASCII.GetBytes(secret));
}
