using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>
/// "Test connection" on the credential form: tries the credential as typed (a new token, or the stored one when none is
/// typed) against the destination once, saving nothing. It asks credential:edit, since it sends a token the caller typed.
/// </summary>
internal sealed class CredentialConnectionTest(ICatalogStore catalog, CredentialPlugins credentialPlugins, DestinationPlugins plugins, ISegmentGateway gateway)
{
    /// <summary>The segment looked up when no destination uses the credential yet: a name no run would choose.</summary>
    public const string ProbeSegment = "herald-connection-test";

    public async Task<UseCaseResult<ConnectionCheck>> TestAsync(Caller caller, string key, CredentialChanges typed, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindCredentialAsync(key, cancellationToken) is not { } credential)
        {
            return Refusal.NotFound("credential", key);
        }
        if (!plugins.IsInstalled(credential.Plugin) || !credentialPlugins.IsInstalled(credential.Plugin))
        {
            return Refusal.Rule($"A credential of the plugin '{credential.Plugin}' has no connection test here; its destinations test it when saved.");
        }
        var settings = typed.Settings is null ? credential.Settings : credential.Settings.MergedWith(typed.Settings);
        if (credentialPlugins.For(credential.Plugin).CheckCredential(settings, typed.Secrets, isNew: false) is { Count: > 0 } problems)
        {
            return Refusal.Invalid("credential", problems);
        }
        var plugin = plugins.For(credential.Plugin);
        var secrets = new List<KeyValuePair<string, string>>();
        foreach (var name in plugin.SecretNames)
        {
            secrets.Add(new(name, typed.Secrets[name] ?? await catalog.RevealSecretAsync(credential.Id, name, cancellationToken)));
        }
        var account = plugin.AccountOf(settings, new SecretValues(secrets));
        // A destination's own segment makes the answer say whether it exists; without one, a probe only tells the account works.
        var destination = (await catalog.ListDestinationsAsync(cancellationToken)).FirstOrDefault(d => d.CredentialId == credential.Id);
        var segment = destination is null ? ProbeSegment : plugin.RouteOf(destination.Settings).SegmentName;
        var check = await gateway.CheckConnectionAsync(account, segment, cancellationToken);
        return destination is null && check.Succeeded
            ? check with { Message = $"Insider One accepted the partner name '{account.PartnerName}' and the token. Nothing was saved." }
            : check with { Message = check.Message + (check.Succeeded ? " Nothing was saved." : " Nothing was saved: change what the answer names and test again.") };
    }
}
