using System.Security.Cryptography;
using System.Text;
using Herald.Storage.Secrets;

namespace Herald.Benchmarks.Support;

/// <summary>
/// The per-run secret of Herald's callback URLs, derived as Herald.Server.Security.CallbackSecrets derives it
/// (an HMAC of the run id with the callback key of the key ring). A load generator needs genuine URLs for runs
/// it staged itself; if Herald changes the derivation, every callback of the smoke test is refused and it fails.
/// </summary>
public sealed class CallbackSigner(byte[] key)
{
    public static CallbackSigner ForDataDirectory(string dataDirectory) =>
        new(new DirectoryKeyRing(dataDirectory).KeyFor(Herald.Core.Ports.KeyPurposes.Callbacks));

    public static CallbackSigner ForKeyFile(string path) => new(KeyFile.LoadOrCreate(path, 32));

    public string SecretFor(Guid runId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"callback:{runId:N}")));

    public bool Verify(Guid runId, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecretFor(runId)), Encoding.ASCII.GetBytes(secret));
}
