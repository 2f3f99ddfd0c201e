using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>The account a run (or a connection test) sends with: the credential's plugin reads its settings and its secrets, decrypted only now.</summary>
internal sealed class RunAccounts(ICatalogStore catalog, ISandboxStore sandboxes, DestinationPlugins plugins)
{
    /// <summary>
    /// Null when the credential was deleted since the run was created. A run in a sandbox uses the sandbox's settings of
    /// the credential, with the secrets entered in that sandbox, else production's secrets of the credential of the same
    /// name while the sandbox holds the copy an administrator made; null when it has neither (or the sandbox is gone).
    /// </summary>
    public async Task<SegmentAccount?> ForAsync(RunOrigin origin, CancellationToken cancellationToken) =>
        await SendingWithAsync(origin, cancellationToken) is { } sending ? plugins.For(sending.Plugin).AccountOf(sending.Settings, sending.Secrets) : null;

    public async Task<SegmentAccount> ForAsync(Credential credential, CancellationToken cancellationToken) =>
        plugins.For(credential.Plugin).AccountOf(credential.Settings, await ProductionSecretsAsync(credential, cancellationToken));

    /// <summary>
    /// The secrets the run sends with (to mask them wherever an answer or a callback may echo them), or none when the
    /// run has no account any more.
    /// </summary>
    public async Task<IReadOnlyList<string>> SecretsOfAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        try
        {
            return await SendingWithAsync(origin, cancellationToken) is { } sending ? [.. sending.Secrets.Select(s => s.Value)] : [];
        }
        catch (KeyNotFoundException)
        {
            // Deleted meanwhile: nothing of it is left to leak.
            return [];
        }
    }

    private async Task<(string Plugin, SettingsDocument Settings, SecretValues Secrets)?> SendingWithAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        if (origin.Sandbox is null)
        {
            return await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken) is { } credential
                ? (credential.Plugin, credential.Settings, await ProductionSecretsAsync(credential, cancellationToken))
                : null;
        }
        var credentialName = origin.CredentialName ?? (await catalog.GetCredentialAsync(origin.CredentialId, cancellationToken))?.Name;
        if (credentialName is null || await sandboxes.FindAsync(origin.Sandbox, cancellationToken) is not { } sandbox
            || Configuration.ConfigurationYaml.Read(sandbox.Document).Document?.Credentials.FirstOrDefault(c => c.Name == credentialName) is not { } entry
            || !plugins.IsInstalled(entry.Plugin))
        {
            return null;
        }
        // The secret entered in the sandbox comes first: it is the one its users chose for it.
        if (sandbox.HasOwnSecret(entry.Name))
        {
            var own = new List<KeyValuePair<string, string>>();
            foreach (var name in plugins.For(entry.Plugin).SecretNames)
            {
                if (await sandboxes.RevealSecretAsync(sandbox.Id, entry.Name, name, cancellationToken) is { } value)
                {
                    own.Add(new(name, value));
                }
            }
            return (entry.Plugin, entry.Settings, new SecretValues(own));
        }
        if (sandbox.HasCopiedSecret(entry.Name) && await catalog.FindCredentialAsync(entry.Name, cancellationToken) is { } production && production.Plugin == entry.Plugin)
        {
            return (entry.Plugin, entry.Settings, await ProductionSecretsAsync(production, cancellationToken));
        }
        return null;
    }

    private async Task<SecretValues> ProductionSecretsAsync(Credential credential, CancellationToken cancellationToken)
    {
        var secrets = new List<KeyValuePair<string, string>>();
        foreach (var name in plugins.For(credential.Plugin).SecretNames)
        {
            secrets.Add(new(name, await catalog.RevealSecretAsync(credential.Id, name, cancellationToken)));
        }
        return new SecretValues(secrets);
    }
}
