using System.Security.Cryptography;
using System.Text;
using Herald.Core.Ports;

namespace Herald.Server.Security;

/// <summary>
/// The unguessable secret in each run's callback URL. It is derived from the run id with a key of the
/// key ring, so it needs no storage, survives restarts and is checked in constant time.
/// </summary>
internal sealed class CallbackSecrets(byte[] key)
{
    public CallbackSecrets(IKeyRing keys)
        : this(keys.KeyFor(KeyPurposes.Callbacks))
    {
    }

    public string For(Guid runId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"callback:{runId:N}")));

    public bool Verify(Guid runId, string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(runId)), Encoding.ASCII.GetBytes(secret));
}
