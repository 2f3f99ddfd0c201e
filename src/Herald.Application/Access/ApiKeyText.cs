using System.Security.Cryptography;
using System.Text;

namespace Herald.Application.Access;

/// <summary>How API keys look and how Herald recognises one without keeping it.</summary>
internal static class ApiKeyText
{
    /// <summary>Characters of a key kept to tell keys apart: "hk_" and four of the 43 random ones (24 of 256 bits).</summary>
    public const int PrefixLength = 7;

    /// <summary>A new key: "hk_" and 256 random bits, base64url.</summary>
    public static string NewKey() => "hk_" + RandomText();

    /// <summary>256 random bits, base64url without padding (43 characters): API keys and hand-over links.</summary>
    public static string RandomText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The SHA-256 of the key, lower-case hex. A key has 256 random bits, so a fast hash is enough: there is nothing to
    /// guess, unlike a password, and every request can be checked by one indexed look-up.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));

    /// <summary>The first characters of a key Herald made; nothing of a key set by hand, which may be short enough to guess from them.</summary>
    public static string PrefixOf(string key) => key.StartsWith("hk_", StringComparison.Ordinal) && key.Length >= 32 ? key[..PrefixLength] : "(set by hand)";
}
