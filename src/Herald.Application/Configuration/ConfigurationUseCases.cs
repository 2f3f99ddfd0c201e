using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Application.Configuration;

/// <summary>
/// The catalog as a file: exported (catalog:read), and applied as a whole (the edit action of every kind the file
/// changes). Applying checks what saving each thing one by one checks (names, plugins' rules, references, queries
/// against the source) on the whole file at once; any error leaves the catalog as it is, and otherwise every change
/// is made in one transaction with one audit entry holding the whole difference.
/// </summary>
internal sealed class ConfigurationUseCases(
    ICatalogStore catalog, IScheduleStore schedules, CredentialPlugins credentialPlugins, DestinationPlugins destinationPlugins, QueryChecks queries,
    AuditTrail audit, TimeProvider clock)
{
    public const string Operation = "apply configuration";

    public async Task<UseCaseResult<ConfigurationExport>> ExportAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        var current = await CurrentAsync(cancellationToken);
        return new ConfigurationExport(current.Document, ConfigurationYaml.Write(current.Document));
    }

    /// <summary>Reads <paramref name="yaml"/>, checks it whole and, unless <paramref name="dryRun"/>, makes the catalog hold exactly it.</summary>
    public async Task<UseCaseResult<ConfigurationApplied>> ApplyAsync(Caller caller, string yaml, bool dryRun, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var (result, actions) = await CheckAsync(caller, yaml, current, cancellationToken);
        if (!result.Succeeded)
        {
            // A dry run changes nothing, so it is not a change to record; a refused apply is, as any refused change.
            return dryRun ? result : await audit.RecordAsync(caller, actions, Operation, null, null, result, null);
        }
        if (dryRun || result.Value.Difference.IsEmpty)
        {
            return result;
        }
        var write = WriteOf(current, result.Value.Difference, ParsedDocument(yaml));
        await catalog.ApplyAsync(write,
            audit.EntryOf(caller, actions, Operation, result.Value.Difference.Summary, AuditTrail.Done, null, null, result.Value.Difference), cancellationToken);
        return result.Value with { Applied = true };
    }

    private async Task<(UseCaseResult<ConfigurationApplied> Result, string Actions)> CheckAsync(
        Caller caller, string yaml, CurrentCatalog current, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return (denied, HeraldActions.CatalogRead);
        }
        var file = ConfigurationYaml.Read(yaml);
        if (file.Document is not { } desired)
        {
            return (Refusal.Invalid("configuration", [.. file.Problems.Select(p => new FieldProblem(null, p))]), HeraldActions.CatalogRead);
        }
        var difference = CatalogDifference.Between(current.Document, desired);
        var needed = ActionsOf(difference);
        var actions = needed.Count == 0 ? HeraldActions.CatalogRead : string.Join(",", needed);
        foreach (var action in needed)
        {
            if (caller.Denied(action) is { } lacking)
            {
                return (lacking, actions);
            }
        }
        var (errors, warnings) = await ValidateAsync(desired, difference, current, cancellationToken);
        return errors.Count > 0
            ? (Refusal.Invalid("configuration", errors) with { Message = $"The configuration was not applied: {errors.Count} problem(s) to fix; nothing changed." }, actions)
            : (new ConfigurationApplied(difference, warnings, Applied: false), actions);
    }

    private async Task<(List<FieldProblem> Errors, List<string> Warnings)> ValidateAsync(
        CatalogDocument desired, CatalogDifference difference, CurrentCatalog current, CancellationToken cancellationToken)
    {
        var errors = new List<FieldProblem>();
        var warnings = new List<string>();
        void Error(string kind, string name, string message) => errors.Add(new FieldProblem($"{kind} '{name}'", $"The {kind} '{name}': {message}"));
        var credentials = desired.Credentials.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var destinations = desired.Destinations.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var changed = difference.Entries.Where(e => e.Change != DifferenceKind.Removed).Select(e => (e.Kind, e.Name)).ToHashSet();
        foreach (var entry in desired.Entries.Where(e => changed.Contains((e.Kind, e.Name))))
        {
            foreach (var problem in CatalogRules.CheckCatalogName(entry.Name, entry.Kind))
            {
                errors.Add(new FieldProblem($"{entry.Kind} '{entry.Name}'", problem));
            }
        }
        foreach (var credential in desired.Credentials.Where(c => changed.Contains((CredentialEntry.KindName, c.Name))))
        {
            if (!credentialPlugins.IsInstalled(credential.Plugin))
            {
                Error("credential", credential.Name, $"no plugin '{credential.Plugin}'; choose {string.Join(" or ", credentialPlugins.Ids)}.");
                continue;
            }
            if (current.Credentials.GetValueOrDefault(credential.Name) is { } stored && stored.Plugin != credential.Plugin)
            {
                Error("credential", credential.Name, $"its plugin is '{stored.Plugin}' and cannot become '{credential.Plugin}' (its secrets are the plugin's); give the new one another name.");
            }
            foreach (var problem in credentialPlugins.For(credential.Plugin).CheckCredential(credential.Settings, SecretValues.None, isNew: false))
            {
                Error("credential", credential.Name, problem.Message);
            }
            if (!current.Credentials.ContainsKey(credential.Name))
            {
                warnings.Add($"The credential '{credential.Name}' is new and holds no secret yet ({string.Join(", ", credentialPlugins.For(credential.Plugin).SecretNames)}): " +
                    "enter it before a run uses the credential.");
            }
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var destination in desired.Destinations)
        {
            var isChanged = changed.Contains((DestinationEntry.KindName, destination.Name));
            if (!credentials.TryGetValue(destination.Credential, out var credential))
            {
                Error("destination", destination.Name, $"its credential '{destination.Credential}' is not in the file; add it, or name one that is.");
                continue;
            }
            if (!destinationPlugins.IsInstalled(credential.Plugin))
            {
                Error("destination", destination.Name, $"its credential '{credential.Name}' is for '{credential.Plugin}', which sends no audiences.");
                continue;
            }
            var plugin = destinationPlugins.For(credential.Plugin);
            var problems = plugin.CheckDestination(destination.Settings);
            if (isChanged)
            {
                foreach (var problem in problems)
                {
                    Error("destination", destination.Name, problem.Message);
                }
            }
            if (problems.Count == 0)
            {
                attributes[destination.Name] = plugin.RouteOf(destination.Settings).AttributeName;
            }
        }
        var destinationChanged = difference.Entries.Where(e => e.Kind == DestinationEntry.KindName).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var orchestration in desired.Orchestrations)
        {
            if (!destinations.ContainsKey(orchestration.Destination))
            {
                Error("orchestration", orchestration.Name, $"its destination '{orchestration.Destination}' is not in the file; add it, or name one that is.");
                continue;
            }
            // A query is run against the source only when it, or what it must return, changed: an unchanged file costs no query.
            var needsCheck = changed.Contains((OrchestrationEntry.KindName, orchestration.Name)) || destinationChanged.Contains(orchestration.Destination);
            if (needsCheck && attributes.TryGetValue(orchestration.Destination, out var attribute))
            {
                foreach (var problem in await queries.CheckAsync(orchestration.Query, attribute, cancellationToken))
                {
                    Error("orchestration", orchestration.Name, problem.Message);
                }
            }
        }
        var removed = difference.Entries.Where(e => e.Kind == OrchestrationEntry.KindName && e.Change == DifferenceKind.Removed).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in await schedules.ListAsync(cancellationToken))
        {
            if (removed.Contains(schedule.Work.Name) && schedule.Work.Kind == ScheduledWork.Orchestration)
            {
                warnings.Add($"The orchestration '{schedule.Work.Name}' is removed with its schedule.");
            }
            else if (schedule.Trigger.After is { } after && removed.Contains(after.Name) && !removed.Contains(schedule.Work.Name))
            {
                Error("orchestration", after.Name, $"'{schedule.Work.Name}' is scheduled to run after it; give that one another schedule first, or remove it too.");
            }
        }
        return (errors, warnings);
    }

    private CatalogWrite WriteOf(CurrentCatalog current, CatalogDifference difference, CatalogDocument desired)
    {
        var now = clock.GetUtcNow();
        var touched = difference.Entries.Where(e => e.Change != DifferenceKind.Removed).Select(e => (e.Kind, e.Name)).ToHashSet();
        var removed = difference.Entries.Where(e => e.Change == DifferenceKind.Removed).Select(e => (e.Kind, e.Name)).ToHashSet();
        // Ids of things kept stay, so that runs and schedules still find them; new things get new ids.
        var credentialIds = desired.Credentials.ToDictionary(c => c.Name, c => current.Credentials.GetValueOrDefault(c.Name)?.Id ?? Guid.NewGuid(), StringComparer.Ordinal);
        var destinationIds = desired.Destinations.ToDictionary(d => d.Name, d => current.Destinations.GetValueOrDefault(d.Name)?.Id ?? Guid.NewGuid(), StringComparer.Ordinal);
        return new CatalogWrite(
            [.. desired.Credentials.Where(c => touched.Contains((c.Kind, c.Name))).Select(c => new Credential(credentialIds[c.Name], c.Name, c.Plugin, c.Settings,
                Descriptions.Clean(c.Description), current.Credentials.GetValueOrDefault(c.Name)?.CreatedAt ?? now, now))],
            [.. desired.Destinations.Where(d => touched.Contains((d.Kind, d.Name))).Select(d => new Destination(destinationIds[d.Name], d.Name,
                credentialIds[d.Credential], d.Settings, Descriptions.Clean(d.Description), current.Destinations.GetValueOrDefault(d.Name)?.CreatedAt ?? now, now))],
            [.. desired.Orchestrations.Where(o => touched.Contains((o.Kind, o.Name))).Select(o => new Orchestration(
                current.Orchestrations.GetValueOrDefault(o.Name)?.Id ?? Guid.NewGuid(), o.Name, destinationIds[o.Destination], o.Query.Trim(), o.AllowEmpty,
                Descriptions.Clean(o.Description), current.Orchestrations.GetValueOrDefault(o.Name)?.CreatedAt ?? now, now))],
            [.. current.Orchestrations.Values.Where(o => removed.Contains((OrchestrationEntry.KindName, o.Name)))],
            [.. current.Destinations.Values.Where(d => removed.Contains((DestinationEntry.KindName, d.Name)))],
            [.. current.Credentials.Values.Where(c => removed.Contains((CredentialEntry.KindName, c.Name)))]);
    }

    private static CatalogDocument ParsedDocument(string yaml) =>
        ConfigurationYaml.Read(yaml).Document ?? throw new InvalidOperationException("The file was read before it was checked.");

    private static List<string> ActionsOf(CatalogDifference difference) =>
    [
        .. new[]
        {
            (CredentialEntry.KindName, HeraldActions.CredentialEdit),
            (DestinationEntry.KindName, HeraldActions.DestinationEdit),
            (OrchestrationEntry.KindName, HeraldActions.OrchestrationEdit),
        }.Where(k => difference.Touches(k.Item1)).Select(k => k.Item2),
    ];

    private async Task<CurrentCatalog> CurrentAsync(CancellationToken cancellationToken)
    {
        var credentials = await catalog.ListCredentialsAsync(cancellationToken);
        var destinations = await catalog.ListDestinationsAsync(cancellationToken);
        var orchestrations = await catalog.ListOrchestrationsAsync(cancellationToken);
        return new CurrentCatalog(CatalogDocument.Of(credentials, destinations, orchestrations),
            credentials.ToDictionary(c => c.Name, StringComparer.Ordinal),
            destinations.ToDictionary(d => d.Name, StringComparer.Ordinal),
            orchestrations.ToDictionary(o => o.Name, StringComparer.Ordinal));
    }

    private sealed record CurrentCatalog(
        CatalogDocument Document,
        IReadOnlyDictionary<string, Credential> Credentials,
        IReadOnlyDictionary<string, Destination> Destinations,
        IReadOnlyDictionary<string, Orchestration> Orchestrations);
}
