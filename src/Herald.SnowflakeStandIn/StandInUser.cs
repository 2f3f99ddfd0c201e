namespace Herald.SnowflakeStandIn;

/// <summary>A Snowflake user allowed to call the stand-in with a key-pair JWT.</summary>
public sealed class StandInUser
{
    /// <summary>The account part of the JWT's <c>sub</c>, e.g. <c>MYORG-MYACCOUNT</c> (uppercase).</summary>
    public string Account { get; set; } = "";

    /// <summary>The login name (uppercase in the JWT).</summary>
    public string User { get; set; } = "";

    /// <summary>Up to two PEM public keys (SubjectPublicKeyInfo), as Snowflake's RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2.</summary>
    public List<string> PublicKeysPem { get; set; } = [];
}
