using System.Security.Cryptography;
using System.Text;
using Herald.Core.Ports;

namespace Herald.Storage.Files;

/// <summary>
/// Signs file URLs so that Insider One can download a file with no other credential, and nobody can
/// change the file name or stretch the expiry without breaking the signature.
/// </summary>
public sealed class UrlSigner(byte[] key)
{
    public UrlSigner(IKeyRing keys)
        : this(keys.KeyFor(KeyPurposes.UrlSigning))
    {
    }

    public string Sign(string fileName, long expiresUnixSeconds)
    {
        var payload = Encoding.UTF8.GetBytes($"{fileName}\n{expiresUnixSeconds}");
        return Base64Url(HMACSHA256.HashData(key, payload));
    }

    public bool Verify(string fileName, long expiresUnixSeconds, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(fileName, expiresUnixSeconds));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
