using System.Security.Cryptography;
using System.Text;

namespace Herald.Application.Sandboxes;

/// <summary>
/// Ids for a run's destination and credential that exist only in a sandbox: runs record ids (the history filters by
/// them, a split segment's layout is kept under the destination's id), and production has none to give. Derived from the
/// sandbox's id, the kind and the name, so every run of the same sandbox destination shares one id (its layout is found
/// again), no two sandboxes share one, and none is ever a production id (those are random).
/// </summary>
internal static class SandboxIds
{
    public static Guid Of(Guid sandboxId, string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"herald-sandbox/{sandboxId:D}/{kind}/{name.ToUpperInvariant()}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        // RFC 9562's version 8 (custom) and variant bits: a well-formed id that says it was not drawn at random.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
