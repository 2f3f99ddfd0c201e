using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>The account a run (or a connection test) sends with: the credential's plugin reads its settings and its secrets, decrypted only now.</summary>
internal sealed class RunAccounts(ICatalogStore catalog, ISandboxStore sandboxes, DestinationPlugins plugins)
{
    /// <summary>
    /// Null when the credential was deleted since the run was created. A run in a sandbox uses the sandbox's settings of
    /// the credential with production's secrets, and only while the sandbox still holds the copy an administrator made.
    /// </summary>
    public async Task<SegmentAccount?> ForAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        if (await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken) is not { } credential)
        {
            return null;
        }
        if (origin.Sandbox is null)
        {
            return await ForAsync(credential, cancellationToken);
        }
        if (await sandboxes.FindAsync(origin.Sandbox, cancellationToken) is not { } sandbox || !sandbox.HasCopiedSecret(credential.Name)
            || Configuration.ConfigurationYaml.Read(sandbox.Document).Document?.Credentials.FirstOrDefault(c => c.Name == credential.Name) is not { } entry)
        {
            return null;
        }
        return await ForAsync(credential with { Settings = entry.Settings }, cancellationToken);
    }

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
