using System.Text.RegularExpressions;

namespace Herald.Snowflake;

/// <summary>
/// One Snowflake login and where its statements run (the <c>snowflake</c> credential of snowflake.md): account
/// identifier, user, role, warehouse, database and schema, with the user's private key and its optional passphrase
/// as secrets. <see cref="ToString"/> never shows the secrets.
/// </summary>
public sealed partial class SnowflakeConnection
{
    /// <summary>Such as <c>myorg-myaccount</c>; see <see cref="SnowflakeAccount"/>.</summary>
    public required string AccountIdentifier { get; init; }

    /// <summary>The Snowflake user whose public key holds the private key's pair (uppercased in the JWT).</summary>
    public required string User { get; init; }

    /// <summary>Sent with each statement; uppercase as <c>SHOW ROLES</c> prints it (e.g. <c>HERALD_PUBLISHER</c>).</summary>
    public string? Role { get; init; }

    /// <summary>Sent with each statement; null uses the user's default warehouse.</summary>
    public string? Warehouse { get; init; }

    /// <summary>Where tables are published and statements run (an unquoted identifier, such as HERALD).</summary>
    public required string Database { get; init; }

    /// <summary>The schema within <see cref="Database"/>, such as PUBLIC.</summary>
    public required string Schema { get; init; }

    /// <summary>The user's RSA private key as PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c> or <c>BEGIN ENCRYPTED PRIVATE KEY</c>). Secret.</summary>
    public required string PrivateKeyPem { get; init; }

    /// <summary>The passphrase of an encrypted key. Secret.</summary>
    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>Every problem with the settings, each naming the setting and what to change; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!SnowflakeAccount.IsValidIdentifier(AccountIdentifier))
        {
            problems.Add("Account identifier: use the organization and account name as in the account's URL, such as myorg-myaccount.");
        }

        if (!Name().IsMatch(User ?? ""))
        {
            problems.Add("User: letters, digits, '_', '-', '.' or '@' only, up to 255 characters.");
        }

        foreach (var (setting, value, required) in new[] { ("Role", Role, false), ("Warehouse", Warehouse, false), ("Database", Database, true), ("Schema", Schema, true) })
        {
            if (value is null && !required)
            {
                continue;
            }

            if (!PlainIdentifier().IsMatch(value ?? ""))
            {
                problems.Add($"{setting}: an unquoted Snowflake identifier such as HERALD (letters, digits, '_' and '$', starting with a letter or '_').");
            }
        }

        if (string.IsNullOrWhiteSpace(PrivateKeyPem) || !PrivateKeyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            problems.Add("Private key: the user's RSA private key as PKCS#8 PEM, starting with -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----.");
        }

        return problems;
    }

    /// <summary>The settings without the secrets.</summary>
    public override string ToString() =>
        $"Snowflake {AccountIdentifier} as {User} (role {Role ?? "default"}, warehouse {Warehouse ?? "default"}, {Database}.{Schema}), key {(PrivateKeyPassphrase is null ? "" : "and passphrase ")}withheld";

    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,255}$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_$]{0,254}$")]
    private static partial Regex PlainIdentifier();
}
