using System.Security.Cryptography;
using System.Text;
using Herald.Core.Ports;

namespace Herald.Storage.Secrets;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM. The associated data binds a ciphertext to the record it
/// belongs to, so a token copied onto another credential's row does not decrypt.
/// </summary>
public sealed class SecretProtector(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public SecretProtector(IKeyRing keys)
        : this(keys.KeyFor(KeyPurposes.Secrets))
    {
    }

    public byte[] Protect(string secret, string boundTo)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(boundTo));
        return output;
    }

    public string Unprotect(byte[] protectedSecret, string boundTo)
    {
        if (protectedSecret.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The stored secret is damaged.");
        }
        var plaintext = new byte[protectedSecret.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            protectedSecret.AsSpan(0, NonceSize),
            protectedSecret.AsSpan(NonceSize + TagSize),
            protectedSecret.AsSpan(NonceSize, TagSize),
            plaintext,
            Encoding.UTF8.GetBytes(boundTo));
        return Encoding.UTF8.GetString(plaintext);
    }
}
