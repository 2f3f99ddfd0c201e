using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.UseCases;

/// <summary>Adding, changing (rotating the token) and removing credentials: Herald's rules and the plugin's, for every edge.</summary>
/// <param name="bridges">The bridges, so a credential a bridge publishes with is not removed from under it.</param>
internal sealed class CredentialUseCases(ICatalogStore catalog, CredentialPlugins plugins, AuditTrail audit, TimeProvider clock, IBridgeStore? bridges = null)
{
    public async Task<UseCaseResult<Credential>> CreateAsync(Caller caller, CredentialDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.CredentialEdit, "add credential", draft.Name, null,
            await CreateUnauditedAsync(caller, draft, cancellationToken), c => c);

    private async Task<UseCaseResult<Credential>> CreateUnauditedAsync(Caller caller, CredentialDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        var pluginId = string.IsNullOrWhiteSpace(draft.Plugin) ? Plugins.InsiderOne : draft.Plugin.Trim().ToLowerInvariant();
        var problems = CatalogRules.CheckCatalogName(draft.Name, "credential").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        if (!plugins.IsInstalled(pluginId))
        {
            problems.Add(new FieldProblem(nameof(draft.Plugin), $"No credential plugin '{draft.Plugin}'; choose {string.Join(" or ", plugins.Ids)}."));
        }
        else
        {
            problems.AddRange(plugins.For(pluginId).CheckCredential(draft.Settings, draft.Secrets, isNew: true));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid("credential", problems);
        }
        if (await catalog.FindCredentialAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A credential named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "credential" };
        }
        var now = clock.GetUtcNow();
        var credential = new Credential(Guid.NewGuid(), draft.Name!, pluginId, draft.Settings, Descriptions.Clean(draft.Description), now, now);
        await catalog.SaveCredentialAsync(credential, draft.Secrets, cancellationToken);
        return credential;
    }

    public async Task<UseCaseResult<Credential>> UpdateAsync(Caller caller, string key, CredentialChanges changes, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.CredentialEdit, changes.Secrets.Count == 0 ? "change credential" : "change credential and rotate its secrets", key,
            await catalog.FindCredentialAsync(key, cancellationToken), await UpdateUnauditedAsync(caller, key, changes, cancellationToken), c => c);

    private async Task<UseCaseResult<Credential>> UpdateUnauditedAsync(Caller caller, string key, CredentialChanges changes, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindCredentialAsync(key, cancellationToken) is not { } credential)
        {
            return Refusal.NotFound("credential", key);
        }
        var settings = changes.Settings is null ? credential.Settings : credential.Settings.MergedWith(changes.Settings);
        var problems = plugins.IsInstalled(credential.Plugin) ? plugins.For(credential.Plugin).CheckCredential(settings, changes.Secrets, isNew: false) : [];
        if (problems.Count > 0)
        {
            return Refusal.Invalid("credential", problems);
        }
        var changed = credential with
        {
            Settings = settings,
            Description = changes.Description is null ? credential.Description : Descriptions.Clean(changes.Description),
            UpdatedAt = clock.GetUtcNow(),
        };
        await catalog.SaveCredentialAsync(changed, changes.Secrets, cancellationToken);
        return changed;
    }

    /// <summary>Removes a credential and its token; refused while a destination uses it, naming which.</summary>
    public async Task<UseCaseResult<Credential>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.CredentialEdit, "remove credential", key,
            await catalog.FindCredentialAsync(key, cancellationToken), await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<Credential>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindCredentialAsync(key, cancellationToken) is not { } credential)
        {
            return Refusal.NotFound("credential", key);
        }
        var usedBy = await UsedByAsync(credential, cancellationToken);
        if (usedBy.Count > 0)
        {
            return Refusal.Conflict(
                $"The credential '{credential.Name}' is used by destination(s) {string.Join(", ", usedBy.Select(n => $"'{n}'"))}; point them at another credential or remove them first.")
                with { Subject = "credential", InUseBy = usedBy };
        }
        var bridgesUsing = bridges is null ? [] : (await bridges.ListBridgesAsync(cancellationToken)).Where(b => b.CredentialId == credential.Id).Select(b => b.Name).ToList();
        if (bridgesUsing.Count > 0)
        {
            return Refusal.Conflict(
                $"The credential '{credential.Name}' is used by bridge(s) {string.Join(", ", bridgesUsing.Select(n => $"'{n}'"))}; point them at another credential or remove them first.")
                with { Subject = "credential", InUseBy = bridgesUsing };
        }
        await catalog.DeleteCredentialAsync(credential.Id, cancellationToken);
        return credential;
    }

    /// <summary>The names of the destinations that send with the credential.</summary>
    public async Task<IReadOnlyList<string>> UsedByAsync(Credential credential, CancellationToken cancellationToken) =>
        [.. (await catalog.ListDestinationsAsync(cancellationToken)).Where(d => d.CredentialId == credential.Id).Select(d => d.Name)];
}
