namespace Herald.Snowflake.Bridges;

/// <summary>
/// The settings and secrets of a <c>snowflake</c> credential (snowflake.md, "Key-pair authentication"): who signs in
/// and where statements run, with the user's private key and its passphrase. <see cref="ToString"/> withholds the secrets.
/// </summary>
/// <param name="AccountIdentifier">Such as <c>myorg-myaccount</c>.</param>
/// <param name="User">The Snowflake user holding the key's public half.</param>
/// <param name="Role">Sent with each statement; null for the user's default.</param>
/// <param name="Warehouse">Sent with each statement; null for the user's default.</param>
/// <param name="PrivateKeyPem">PKCS#8 PEM, plain or encrypted. Secret.</param>
/// <param name="PrivateKeyPassphrase">The passphrase of an encrypted key. Secret.</param>
/// <param name="Stage">The stage large tables are loaded through, with its access key (secret); null for none.</param>
public sealed record SnowflakeLogin(
    string AccountIdentifier, string User, string? Role, string? Warehouse, string PrivateKeyPem, string? PrivateKeyPassphrase,
    Publishing.Staging.StageLocation? Stage = null)
{
    /// <summary>The connection for one database and schema.</summary>
    public SnowflakeConnection For(string database, string schema) => new()
    {
        AccountIdentifier = AccountIdentifier,
        User = User,
        Role = Role,
        Warehouse = Warehouse,
        Database = database,
        Schema = schema,
        PrivateKeyPem = PrivateKeyPem,
        PrivateKeyPassphrase = PrivateKeyPassphrase,
    };

    // Records print their members; a key must never reach a log line or an error through ToString.
    public override string ToString() => $"SnowflakeLogin {{ {AccountIdentifier} as {User}, key withheld }}";
}
