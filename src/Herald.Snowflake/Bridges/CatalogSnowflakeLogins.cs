using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Snowflake.Bridges;

/// <summary>
/// <c>snowflake</c> credentials as the catalog stores them: settings read from the credential's document, the key and
/// passphrase decrypted only now, for one operation, and never kept.
/// </summary>
public sealed class CatalogSnowflakeLogins(ICatalogStore catalog) : ISnowflakeLogins
{
    public async Task<SnowflakeLogin?> FindAsync(Guid credentialId, CancellationToken cancellationToken)
    {
        if (await catalog.GetCredentialAsync(credentialId, cancellationToken) is not { Plugin: Plugins.Snowflake } credential)
        {
            return null;
        }
        var (settings, _) = SnowflakeCredentialSettings.Read(credential.Settings);
        var key = await catalog.RevealSecretAsync(credentialId, SnowflakeCredentialSettings.PrivateKeySecret, cancellationToken);
        string? passphrase;
        try
        {
            passphrase = await catalog.RevealSecretAsync(credentialId, SnowflakeCredentialSettings.PassphraseSecret, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            // A plain (unencrypted) key has no passphrase.
            passphrase = null;
        }
        var stage = settings.StageSettings.Count == 0 ? null : settings.Stage(
            await RevealOptionalAsync(credentialId, SnowflakeCredentialSettings.StageKeyIdSecret, cancellationToken),
            await RevealOptionalAsync(credentialId, SnowflakeCredentialSettings.StageSecretKeySecret, cancellationToken));
        return new SnowflakeLogin(settings.AccountIdentifier, settings.User, settings.Role, settings.Warehouse, key, passphrase, stage);
    }

    private async Task<string?> RevealOptionalAsync(Guid credentialId, string secret, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.RevealSecretAsync(credentialId, secret, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }
}
