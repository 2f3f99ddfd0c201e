using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Simulator.SnowflakeImport;

/// <summary>
/// The key-pair JWT Insider One's account presents to Snowflake's SQL API ("Using key-pair authentication"): RS256,
/// <c>sub</c> = <c>ACCOUNT.USER</c>, <c>iss</c> = <c>ACCOUNT.USER.SHA256:&lt;base64 SHA-256 of the public key's DER
/// SubjectPublicKeyInfo&gt;</c>, uppercase, valid for under an hour. Written here from Snowflake's documentation,
/// independently of Herald's client.
/// </summary>
internal sealed class ConsumerToken(SnowflakeConsumerOptions options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(50);
    private readonly RSA key = Import(options.PrivateKeyPem);

    public string Create()
    {
        var account = options.Account.Split('.')[0].ToUpperInvariant();
        var subject = $"{account}.{options.User.ToUpperInvariant()}";
        var fingerprint = Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = $"{subject}.SHA256:{fingerprint}",
            ["sub"] = subject,
            ["iat"] = now,
            ["exp"] = now + (long)Lifetime.TotalSeconds,
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Encode(signature);
    }

    public void Dispose() => key.Dispose();

    private static RSA Import(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException("SimulatorOptions.SnowflakeConsumer.PrivateKeyPem is not an unencrypted PEM RSA private key.", "options");
        }
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
