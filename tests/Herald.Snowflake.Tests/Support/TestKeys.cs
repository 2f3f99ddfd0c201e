using System.Security.Cryptography;

namespace Herald.Snowflake.Tests.Support;

/// <summary>RSA key pairs made for a test, as a Snowflake user would make them with openssl (PKCS#8 PEM).</summary>
internal sealed class TestKeys : IDisposable
{
    public const string Passphrase = "correct horse battery staple";

    private TestKeys(RSA rsa) => Rsa = rsa;

    public RSA Rsa { get; }

    public string PrivateKeyPem => Rsa.ExportPkcs8PrivateKeyPem();

    public string EncryptedPrivateKeyPem => Rsa.ExportEncryptedPkcs8PrivateKeyPem(
        Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));

    public string PublicKeyPem => Rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The fingerprint Snowflake computes: base64 of SHA-256 over the DER SubjectPublicKeyInfo.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(Rsa.ExportSubjectPublicKeyInfo()));

    /// <summary>One key pair for every harness: making a 2048-bit key takes most of a second on a busy machine.</summary>
    public static TestKeys Shared => SharedKeys.Value;

    private static readonly Lazy<TestKeys> SharedKeys = new(Create);

    public static TestKeys Create() => new(RSA.Create(2048));

    public void Dispose() => Rsa.Dispose();
}
