using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Application.UseCases;

/// <summary>
/// Adding, changing and removing destinations: Herald's rules, the plugin's rules and the connection test, the same
/// for the API, the web UI and the CLI.
/// </summary>
internal sealed class DestinationUseCases(ICatalogStore catalog, ISegmentGateway gateway, DestinationPlugins plugins, AuditTrail audit, TimeProvider clock)
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
        var mode = UpdateModeOf(draft.UpdateMode, problems) ?? SegmentUpdateMode.Replace;
        problems.AddRange(CheckSettings(credential, draft.Plugin, new DestinationSettings(draft.SegmentName, draft.AttributeName, draft.AllowSplit), draft.ShrinkGuardShare));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("destination", problems);
        }
        if (await catalog.FindDestinationAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A destination named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "destination" };
        }
        var connection = draft.TestConnection ? await TestConnectionAsync(credential!, draft.SegmentName!, cancellationToken) : null;
        if (connection is { Succeeded: false })
        {
            return ConnectionFailed(connection);
        }
        var now = clock.GetUtcNow();
        var destination = new Destination(Guid.NewGuid(), draft.Name!, credential!.Id, draft.SegmentName!, draft.AttributeName!,
            Descriptions.Clean(draft.Description), now, now, mode, draft.AllowSplit, draft.ShrinkGuardShare);
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
        if (await catalog.FindDestinationAsync(key, cancellationToken) is not { } destination)
        {
            return Refusal.NotFound("destination", key);
        }
        var problems = new List<FieldProblem>();
        var credential = await CredentialOfAsync(changes.Credential ?? destination.CredentialId.ToString(), changes.Plugin, problems, cancellationToken);
        var changed = destination with
        {
            CredentialId = credential?.Id ?? destination.CredentialId,
            SegmentName = changes.SegmentName ?? destination.SegmentName,
            AttributeName = changes.AttributeName ?? destination.AttributeName,
            Description = changes.Description is null ? destination.Description : Descriptions.Clean(changes.Description),
            UpdateMode = UpdateModeOf(changes.UpdateMode, problems) ?? destination.UpdateMode,
            AllowSplit = changes.AllowSplit ?? destination.AllowSplit,
            ShrinkGuardShare = changes.ClearShrinkGuardShare ? null : changes.ShrinkGuardShare ?? destination.ShrinkGuardShare,
            UpdatedAt = clock.GetUtcNow(),
        };
        problems.AddRange(CheckSettings(credential, changes.Plugin, new DestinationSettings(changed.SegmentName, changed.AttributeName, changed.AllowSplit), changes.ShrinkGuardShare));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("destination", problems);
        }
        var connection = changes.TestConnection ? await TestConnectionAsync(credential!, changed.SegmentName, cancellationToken) : null;
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
        if (await catalog.FindDestinationAsync(key, cancellationToken) is not { } destination)
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

    private IEnumerable<FieldProblem> CheckSettings(Credential? credential, string? plugin, DestinationSettings settings, double? shrinkGuardShare)
    {
        var pluginId = credential?.Plugin ?? plugin;
        var problems = pluginId is not null && plugins.IsInstalled(pluginId) ? [.. plugins.For(pluginId).CheckDestination(settings)] : new List<FieldProblem>();
        problems.AddRange(CatalogRules.CheckShrinkGuardShare(shrinkGuardShare).Select(m => new FieldProblem("ShrinkGuardShare", m)));
        return problems;
    }

    /// <summary>One look-up of the segment with the credential, so that a destination is not saved with a credential the destination refuses.</summary>
    private async Task<ConnectionCheck> TestConnectionAsync(Credential credential, string segmentName, CancellationToken cancellationToken)
    {
        var account = new SegmentAccount(credential.PartnerName, await catalog.RevealTokenAsync(credential.Id, cancellationToken));
        return await gateway.CheckConnectionAsync(account, segmentName, cancellationToken);
    }

    private static Refusal ConnectionFailed(ConnectionCheck connection) =>
        new Refusal(RefusalKind.Unavailable, $"The destination was not saved: the connection test failed. {connection.Message}", [new FieldProblem(null, connection.Message)])
        {
            Subject = "destination",
            Connection = connection,
        };

    /// <summary>Null when not given (or not known, with the problem added).</summary>
    private static SegmentUpdateMode? UpdateModeOf(string? name, List<FieldProblem> problems)
    {
        if (name is null)
        {
            return null;
        }
        if (SegmentUpdateModes.TryParse(name, out var mode))
        {
            return mode;
        }
        problems.Add(new FieldProblem("UpdateMode", $"The update mode '{name}' is not known: use 'replace' (the segment becomes exactly the audience) or 'add' (members are never removed)."));
        return null;
    }
}
