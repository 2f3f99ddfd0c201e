using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>The account a run (or a connection test) sends with: the credential's plugin reads its settings and its secrets, decrypted only now.</summary>
internal sealed class RunAccounts(ICatalogStore catalog, DestinationPlugins plugins)
{
    /// <summary>Null when the credential was deleted since the run was created.</summary>
    public async Task<SegmentAccount?> ForAsync(RunOrigin origin, CancellationToken cancellationToken) =>
        await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken) is { } credential
            ? await ForAsync(credential, cancellationToken)
            : null;

    public async Task<SegmentAccount> ForAsync(Credential credential, CancellationToken cancellationToken)
    {
        var plugin = plugins.For(credential.Plugin);
        var secrets = new List<KeyValuePair<string, string>>();
        foreach (var name in plugin.SecretNames)
        {
            secrets.Add(new(name, await catalog.RevealSecretAsync(credential.Id, name, cancellationToken)));
        }
        return plugin.AccountOf(credential.Settings, new SecretValues(secrets));
    }
}
