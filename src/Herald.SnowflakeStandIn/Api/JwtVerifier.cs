using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.SnowflakeStandIn.Api;

/// <summary>
/// Checks a key-pair JWT as Snowflake documents it ("Using key-pair authentication", SQL API guide): RS256, <c>sub</c>
/// = <c>ACCOUNT.USER</c>, <c>iss</c> = <c>ACCOUNT.USER.SHA256:&lt;base64 SHA-256 of the public key's DER
/// SubjectPublicKeyInfo&gt;</c>, both uppercase; <c>iat</c> not in the future, <c>exp</c> not past and at most one hour
/// after <c>iat</c>; signed by the key whose fingerprint <c>iss</c> names.
/// </summary>
internal sealed class JwtVerifier
{
    private const int MaxTokenChars = 8 * 1024;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<string, (RSA Key, StandInCaller Caller)> keysByIssuer = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public JwtVerifier(IEnumerable<StandInUser> users, IEnumerable<StandInUser> consumers, TimeProvider time)
    {
        this.time = time;
        foreach (var (user, consumer) in users.Select(user => (user, false)).Concat(consumers.Select(user => (user, true))))
        {
            foreach (var pem in user.PublicKeysPem)
            {
                var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                var fingerprint = Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
                keysByIssuer[$"{user.Account}.{user.User}.SHA256:{fingerprint}"] = (rsa, new StandInCaller(user.Account, user.User, consumer));
            }
        }
    }

    /// <returns>Null when the request may proceed; otherwise why it may not (for the 401 answer).</returns>
    public string? Refusal(HttpRequest request) => Check(request, out _);

    /// <summary>Checks the request's token and names who sent it.</summary>
    /// <returns>Null when the request may proceed, with <paramref name="caller"/> set; otherwise why it may not.</returns>
    public string? Check(HttpRequest request, out StandInCaller? caller)
    {
        caller = null;
        if (!string.Equals(request.Headers["X-Snowflake-Authorization-Token-Type"].ToString(), "KEYPAIR_JWT", StringComparison.OrdinalIgnoreCase))
        {
            return "The X-Snowflake-Authorization-Token-Type header must be KEYPAIR_JWT.";
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length > MaxTokenChars)
        {
            return "The Authorization header must be 'Bearer <JWT>'.";
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return "JWT token is invalid.";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return "JWT token is invalid: the algorithm must be RS256.";
            }

            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var claims = payload.RootElement;
            var issuer = claims.GetProperty("iss").GetString() ?? "";
            var subject = claims.GetProperty("sub").GetString() ?? "";
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64());
            var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            if (!keysByIssuer.TryGetValue(issuer, out var known))
            {
                return "JWT token is invalid: no user has a public key with the fingerprint and name in 'iss'.";
            }

            if (!issuer.StartsWith(subject + ".SHA256:", StringComparison.Ordinal))
            {
                return "JWT token is invalid: 'sub' must be ACCOUNT.USER, matching 'iss'.";
            }

            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!known.Key.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "JWT token is invalid: the signature does not match the user's public key.";
            }

            var now = time.GetUtcNow();
            if (issuedAt > now + ClockSkew)
            {
                return "JWT token is invalid: 'iat' is in the future.";
            }

            if (expires <= now)
            {
                return "JWT token has expired.";
            }

            if (expires - issuedAt > LongestLifetime)
            {
                return "JWT token is invalid: 'exp' must be at most one hour after 'iat'.";
            }

            caller = known.Caller;
            return null;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return "JWT token is invalid.";
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(padded);
    }
}
