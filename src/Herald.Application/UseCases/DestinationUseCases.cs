using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Application.Runs.Steps;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Application.UseCases;

/// <summary>
/// Adding, changing and removing destinations: Herald's rules, the plugin's rules and the connection test, the same
/// for the API, the web UI and the CLI.
/// </summary>
internal sealed class DestinationUseCases(ICatalogStore catalog, ISegmentGateway gateway, DestinationPlugins plugins, RunAccounts accounts, AuditTrail audit, TimeProvider clock)
{
    public async Task<UseCaseResult<DestinationSaved>> CreateAsync(Caller caller, DestinationDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.DestinationEdit, "add destination", draft.Name, null,
            await CreateUnauditedAsync(caller, draft, cancellationToken), saved => saved.Destination);

    private async Task<UseCaseResult<DestinationSaved>> CreateUnauditedAsync(Caller caller, DestinationDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.DestinationEdit) is { } denied)
        {
            return denied;
        }
        var problems = CatalogRules.CheckCatalogName(draft.Name, "destination").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        var credential = await CredentialOfAsync(draft.Credential, draft.Plugin, problems, cancellationToken);
        var plugin = PluginOf(credential, draft.Plugin);
        problems.AddRange(plugin?.CheckDestination(draft.Settings) ?? []);
        if (problems.Count > 0)
        {
            return Refusal.Invalid("destination", problems);
        }
        if (await catalog.FindDestinationAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A destination named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "destination" };
        }
        var connection = draft.TestConnection ? await TestConnectionAsync(credential!, plugin!.RouteOf(draft.Settings), cancellationToken) : null;
        if (connection is { Succeeded: false })
        {
            return ConnectionFailed(connection);
        }
        var now = clock.GetUtcNow();
        var destination = new Destination(Guid.NewGuid(), draft.Name!, credential!.Id, draft.Settings, Descriptions.Clean(draft.Description), now, now,
            draft.AdminOnly, draft.PiiAllowed);
        await catalog.SaveDestinationAsync(destination, cancellationToken);
        return new DestinationSaved(destination, credential, connection);
    }

    /// <summary>Changes what <paramref name="changes"/> gives; null fields stay as they are.</summary>
    public async Task<UseCaseResult<DestinationSaved>> UpdateAsync(Caller caller, string key, DestinationChanges changes, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.DestinationEdit, "change destination", key,
            await catalog.FindDestinationAsync(key, cancellationToken), await UpdateUnauditedAsync(caller, key, changes, cancellationToken), saved => saved.Destination);

    private async Task<UseCaseResult<DestinationSaved>> UpdateUnauditedAsync(Caller caller, string key, DestinationChanges changes, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.DestinationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindDestinationAsync(key, cancellationToken) is not { } destination || !DestinationAccess.MaySee(caller, destination))
        {
            return Refusal.NotFound("destination", key);
        }
        var problems = new List<FieldProblem>();
        var credential = await CredentialOfAsync(changes.Credential ?? destination.CredentialId.ToString(), changes.Plugin, problems, cancellationToken);
        var changed = destination with
        {
            CredentialId = credential?.Id ?? destination.CredentialId,
            Settings = changes.Settings is null ? destination.Settings : destination.Settings.MergedWith(changes.Settings),
            Description = changes.Description is null ? destination.Description : Descriptions.Clean(changes.Description),
            AdminOnly = changes.AdminOnly ?? destination.AdminOnly,
            PiiAllowed = changes.PiiAllowed ?? destination.PiiAllowed,
            UpdatedAt = clock.GetUtcNow(),
        };
        var plugin = PluginOf(credential, changes.Plugin);
        problems.AddRange(plugin?.CheckDestination(changed.Settings) ?? []);
        if (problems.Count > 0)
        {
            return Refusal.Invalid("destination", problems);
        }
        var connection = changes.TestConnection ? await TestConnectionAsync(credential!, plugin!.RouteOf(changed.Settings), cancellationToken) : null;
        if (connection is { Succeeded: false })
        {
            return ConnectionFailed(connection);
        }
        await catalog.SaveDestinationAsync(changed, cancellationToken);
        return new DestinationSaved(changed, credential!, connection);
    }

    /// <summary>Removes a destination no orchestration uses; its runs stay in the history.</summary>
    public async Task<UseCaseResult<Destination>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.DestinationEdit, "remove destination", key,
            await catalog.FindDestinationAsync(key, cancellationToken), await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<Destination>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.DestinationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindDestinationAsync(key, cancellationToken) is not { } destination || !DestinationAccess.MaySee(caller, destination))
        {
            return Refusal.NotFound("destination", key);
        }
        var usedBy = (await catalog.ListOrchestrationsAsync(cancellationToken)).Where(o => o.DestinationId == destination.Id).Select(o => o.Name).ToList();
        if (usedBy.Count > 0)
        {
            return Refusal.Conflict($"The destination '{destination.Name}' is used by orchestration(s) {string.Join(", ", usedBy.Select(n => $"'{n}'"))}; remove them first.")
                with { Subject = "destination", InUseBy = usedBy };
        }
        await catalog.DeleteDestinationAsync(destination.Id, cancellationToken);
        return destination;
    }

    private async Task<Credential?> CredentialOfAsync(string? key, string? plugin, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        if (plugin is not null && !plugins.IsInstalled(plugin))
        {
            problems.Add(new FieldProblem("Plugin", $"No destination plugin '{plugin}'; choose {string.Join(" or ", plugins.Ids)}."));
        }
        var credential = string.IsNullOrWhiteSpace(key) ? null : await catalog.FindCredentialAsync(key, cancellationToken);
        if (credential is null)
        {
            problems.Add(new FieldProblem("Credential", string.IsNullOrWhiteSpace(key)
                ? "Choose the credential the destination uses."
                : $"No credential named '{key}'; add one first, or name an existing one."));
        }
        else if (plugin is not null && credential.Plugin != plugin)
        {
            problems.Add(new FieldProblem("Credential", $"The credential '{credential.Name}' is for the plugin '{credential.Plugin}', not '{plugin}'."));
        }
        return credential;
    }

    /// <summary>The plugin that checks the settings: the credential's, or the one asked for; null when neither is known (a problem says so already).</summary>
    private IDestinationPlugin? PluginOf(Credential? credential, string? plugin) =>
        (credential?.Plugin ?? plugin) is { } id && plugins.IsInstalled(id) ? plugins.For(id) : null;

    /// <summary>One look-up of the segment with the credential, so that a destination is not saved with a credential the destination refuses.</summary>
    private async Task<ConnectionCheck> TestConnectionAsync(Credential credential, SegmentRoute route, CancellationToken cancellationToken) =>
        await gateway.CheckConnectionAsync(await accounts.ForAsync(credential, cancellationToken), route.SegmentName, cancellationToken);

    private static Refusal ConnectionFailed(ConnectionCheck connection) =>
        new Refusal(RefusalKind.Unavailable, $"The destination was not saved: the connection test failed. {connection.Message}", [new FieldProblem(null, connection.Message)])
        {
            Subject = "destination",
            Connection = connection,
        };
}
