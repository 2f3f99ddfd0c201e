using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Snowflake.Auth;

namespace Herald.Snowflake.Bridges;

/// <summary>
/// The <c>snowflake</c> credential: account identifier, user, role and warehouse as settings, the user's RSA private key
/// (PKCS#8 PEM) and its optional passphrase as secrets. A key is checked by reading it, so a public key, a wrong
/// passphrase or a short key is refused on saving with what to give instead; no message quotes the key.
/// </summary>
public sealed class SnowflakeCredentialPlugin : ICredentialPlugin
{
    public string Id => Plugins.Snowflake;

    public IReadOnlyList<string> SecretNames { get; } =
    [
        SnowflakeCredentialSettings.PrivateKeySecret, SnowflakeCredentialSettings.PassphraseSecret,
        SnowflakeCredentialSettings.StageKeyIdSecret, SnowflakeCredentialSettings.StageSecretKeySecret,
    ];

    public IReadOnlyList<FieldProblem> CheckCredential(SettingsDocument settings, SecretValues secrets, bool isNew)
    {
        var (read, problems) = SnowflakeCredentialSettings.Read(settings);
        foreach (var unknown in secrets.Names.Where(name => !SecretNames.Contains(name)))
        {
            problems.Add(new FieldProblem(null, $"A snowflake credential has no secret '{unknown}'; give {string.Join(" and ", SecretNames)}."));
        }
        var key = secrets[SnowflakeCredentialSettings.PrivateKeySecret];
        if (isNew && key is null)
        {
            problems.Add(new FieldProblem("PrivateKey", "Give the Snowflake user's RSA private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)."));
        }
        // The database and schema belong to the bridge; placeholders let the connection's own checks run here.
        var connection = new SnowflakeLogin(read.AccountIdentifier, read.User, read.Role, read.Warehouse, key ?? "-----BEGIN PRIVATE KEY-----", secrets[SnowflakeCredentialSettings.PassphraseSecret])
            .For("HERALD", "PUBLIC");
        foreach (var problem in connection.Problems())
        {
            problems.Add(new FieldProblem(FieldOf(problem), problem));
        }
        // On a change, a stage's access key may be kept from before (a change leaves secrets it does not give); a new
        // credential naming a stage must give it.
        var kept = isNew ? "" : "kept";
        if (read.Stage(secrets[SnowflakeCredentialSettings.StageKeyIdSecret] ?? kept, secrets[SnowflakeCredentialSettings.StageSecretKeySecret] ?? kept) is { } stage)
        {
            problems.AddRange(stage.Problems().Select(problem => new FieldProblem(
                string.Concat(problem.Split(':', 2)[0].Split(' ').Select(word => char.ToUpperInvariant(word[0]) + word[1..])), problem)));
        }
        if (key is not null && problems.Count == 0)
        {
            try
            {
                using var token = new KeyPairToken(connection, SnowflakeDefaults.TokenLifetime, TimeProvider.System);
            }
            catch (SnowflakeException refused)
            {
                problems.Add(new FieldProblem("PrivateKey", refused.Message));
            }
        }
        return problems;
    }

    private static string FieldOf(string problem) => problem.Split(':', 2)[0] switch
    {
        "Account identifier" => "AccountIdentifier",
        "Private key" => "PrivateKey",
        var setting => setting,
    };
}
