using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Snowflake.Auth;

/// <summary>
/// Key-pair JWTs for one user (snowflake.md, "Key-pair authentication"; Snowflake's key-pair authentication guide):
/// RS256-signed, <c>iss</c> = <c>ACCOUNT.USER.SHA256:&lt;fingerprint&gt;</c>, <c>sub</c> = <c>ACCOUNT.USER</c>, both
/// uppercase, <c>iat</c> now and <c>exp</c> at most one hour later. The fingerprint is the base64 of SHA-256 over the
/// public key's DER SubjectPublicKeyInfo. A token is reused until it is near expiry. The private key never leaves
/// this type and no message shows it.
/// </summary>
internal sealed class KeyPairToken : IDisposable
{
    private readonly RSA key;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;
    private readonly Lock gate = new();
    private string? token;
    private DateTimeOffset renewAt;

    public KeyPairToken(SnowflakeConnection connection, TimeSpan lifetime, TimeProvider time)
    {
        this.time = time;
        this.lifetime = lifetime;
        key = LoadKey(connection.PrivateKeyPem, connection.PrivateKeyPassphrase);
        Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        Subject = $"{SnowflakeAccount.JwtAccount(connection.AccountIdentifier)}.{connection.User.ToUpperInvariant()}";
    }

    /// <summary><c>SHA256:&lt;base64&gt;</c>, as Snowflake shows it in <c>DESC USER</c>'s RSA_PUBLIC_KEY_FP.</summary>
    public string Fingerprint { get; }

    /// <summary><c>ACCOUNT.USER</c>.</summary>
    public string Subject { get; }

    /// <summary>A valid token: the cached one, or a new one when the cached one is near expiry.</summary>
    public string Current()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (token is null || now >= renewAt)
            {
                token = Create(now);
                renewAt = now + lifetime - SnowflakeDefaults.TokenRenewBefore;
            }

            return token;
        }
    }

    public void Dispose() => key.Dispose();

    private string Create(DateTimeOffset now)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" }));
        var issuedAt = now.ToUnixTimeSeconds();
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = $"{Subject}.{Fingerprint}",
            ["sub"] = Subject,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)lifetime.TotalSeconds,
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static RSA LoadKey(string pem, string? passphrase)
    {
        var rsa = RSA.Create();
        try
        {
            if (pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            {
                if (string.IsNullOrEmpty(passphrase))
                {
                    throw new SnowflakeException(SnowflakeFailureKind.Credential,
                        "The Snowflake private key is encrypted but no passphrase was given: add the key's passphrase to the credential.");
                }

                rsa.ImportFromEncryptedPem(pem, passphrase);
            }
            else
            {
                rsa.ImportFromPem(pem);
            }

            // A public key imports too, and would only fail at the first signature: refuse it here.
            _ = rsa.ExportParameters(includePrivateParameters: true);

            if (rsa.KeySize < 2048)
            {
                throw new SnowflakeException(SnowflakeFailureKind.Credential,
                    $"The Snowflake private key has {rsa.KeySize} bits; Snowflake needs an RSA key of at least 2048 bits.");
            }

            return rsa;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // The exception's own message may quote the PEM's label or contents: none of it is shown.
            throw new SnowflakeException(SnowflakeFailureKind.Credential,
                "The Snowflake private key could not be read: give the user's RSA private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY----- " +
                "or -----BEGIN ENCRYPTED PRIVATE KEY-----), and for an encrypted key its correct passphrase.");
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
