namespace Herald.Core.Ports;

/// <summary>
/// Herald's own keys (for secrets at rest, signed file URLs, callback secrets), one per purpose, 32 random bytes
/// each, created on first use and the same for every instance that shares the ring. Losing a key makes what it
/// protects unreadable: back the ring up with the metadata.
/// </summary>
public interface IKeyRing
{
    /// <summary>The key for a purpose of <see cref="KeyPurposes"/>; 32 bytes.</summary>
    byte[] KeyFor(string purpose);
}

/// <summary>What each key of the <see cref="IKeyRing"/> is for. Names are stored (as file names today): never rename one.</summary>
public static class KeyPurposes
{
    /// <summary>AES-256-GCM encryption of credentials' tokens.</summary>
    public const string Secrets = "secrets";

    /// <summary>HMAC signatures of file URLs.</summary>
    public const string UrlSigning = "url-signing";

    /// <summary>HMAC derivation of each run's callback secret.</summary>
    public const string Callbacks = "callback";

    public const int KeyBytes = 32;
}
