using System.Security.Cryptography;
using System.Text;

namespace Herald.Server.Alerts;

/// <summary>
/// The Standard Webhooks signature (https://www.standardwebhooks.com, spec "Signature scheme"): HMAC-SHA256 keyed with the
/// base64 bytes after <c>whsec_</c>, over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>v1,{base64}</c> in
/// <c>webhook-signature</c>, with the id and the Unix timestamp in seconds in their own headers.
/// </summary>
internal static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";

    public static IReadOnlyDictionary<string, string> Headers(string secret, string id, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return new Dictionary<string, string>
        {
            [IdHeader] = id,
            [TimestampHeader] = timestamp,
            [SignatureHeader] = $"v1,{signature}",
        };
    }
}
