using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Application.Schedules;
using Herald.Application.Segments;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;
using Microsoft.Extensions.Options;

namespace Herald.Application.Configuration;

/// <summary>
/// The rules a whole configuration is checked against before it replaces another (a file applied to production or to
/// a sandbox, a sandbox promoted): what saving each thing one by one checks (names, plugins' rules, references,
/// queries against the source), on the whole result at once, so any error leaves everything as it is.
/// </summary>
internal sealed class ConfigurationChecks(
    IScheduleStore schedules, CredentialPlugins credentialPlugins, DestinationPlugins destinationPlugins, QueryChecks queries, SegmentSqlCheck segmentSql,
    IdentityTable identity, SegmentAudiences segmentAudiences, IOptions<ScheduleOptions> scheduleOptions, TimeProvider clock)
{
    /// <summary>
    /// Whether <paramref name="caller"/> may make <paramref name="current"/> into <paramref name="desired"/>, and what is
    /// wrong with the result: the edit action of each kind that changes, then every error and warning.
    /// </summary>
    /// <returns>The check, and the actions asked (comma-separated, for the audit entry).</returns>
    public async Task<(UseCaseResult<ConfigurationApplied> Result, string Actions)> CheckAsync(
        Caller caller, CatalogDocument desired, CatalogDocument current, CancellationToken cancellationToken)
    {
        var difference = CatalogDifference.Between(current, desired);
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

    private static List<string> ActionsOf(CatalogDifference difference) =>
    [
        .. new[]
        {
            (CredentialEntry.KindName, HeraldActions.CredentialEdit),
            (DestinationEntry.KindName, HeraldActions.DestinationEdit),
            (OrchestrationEntry.KindName, HeraldActions.OrchestrationEdit),
            // Setting a schedule by hand asks orchestration:edit too.
            (ScheduleEntry.KindName, HeraldActions.OrchestrationEdit),
            (SegmentEntry.KindName, HeraldActions.SegmentEdit),
        }.Where(k => difference.Touches(k.Item1)).Select(k => k.Item2).Distinct(),
    ];

    private async Task<(List<FieldProblem> Errors, List<string> Warnings)> ValidateAsync(
        CatalogDocument desired, CatalogDifference difference, CatalogDocument current, CancellationToken cancellationToken)
    {
        var errors = new List<FieldProblem>();
        var warnings = new List<string>();
        void Error(string kind, string name, string message) => errors.Add(new FieldProblem($"{kind} '{name}'", $"The {kind} '{name}': {message}"));
        var credentials = desired.Credentials.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var currentCredentials = current.Credentials.ToDictionary(c => c.Name, StringComparer.Ordinal);
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
            if (currentCredentials.GetValueOrDefault(credential.Name) is { } stored && stored.Plugin != credential.Plugin)
            {
                Error("credential", credential.Name, $"its plugin is '{stored.Plugin}' and cannot become '{credential.Plugin}' (its secrets are the plugin's); give the new one another name.");
            }
            foreach (var problem in credentialPlugins.For(credential.Plugin).CheckCredential(credential.Settings, SecretValues.None, isNew: false))
            {
                Error("credential", credential.Name, problem.Message);
            }
            if (!currentCredentials.ContainsKey(credential.Name))
            {
                warnings.Add($"The credential '{credential.Name}' is new and holds no secret yet ({string.Join(", ", credentialPlugins.For(credential.Plugin).SecretNames)}): " +
                    "enter it before a run uses the credential.");
            }
        }
        foreach (var segment in desired.Segments.Where(g => changed.Contains((SegmentEntry.KindName, g.Name))))
        {
            foreach (var problem in await segmentSql.CheckAsync(segment.Sql, cancellationToken))
            {
                Error("segment", segment.Name, problem.Message);
            }
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributeTypes = new Dictionary<string, Core.Audiences.AttributeType>(StringComparer.Ordinal);
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
                attributeTypes[destination.Name] = plugin.ValueRuleOf(attributes[destination.Name])?.Type ?? Core.Audiences.AttributeType.Text;
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
            var segment = orchestration.Segment is { } segmentName ? desired.Segments.FirstOrDefault(g => g.Name == segmentName) : null;
            if (orchestration.Segment is not null && segment is null)
            {
                Error("orchestration", orchestration.Name, $"its saved segment '{orchestration.Segment}' is not in the file; add it back, or give the orchestration another segment or a query.");
                continue;
            }
            // A query is run against the source only when it, or what it must return, changed: an unchanged file costs no query.
            var needsCheck = changed.Contains((OrchestrationEntry.KindName, orchestration.Name)) || destinationChanged.Contains(orchestration.Destination)
                || (segment is not null && changed.Contains((SegmentEntry.KindName, segment.Name)));
            if (needsCheck && attributes.TryGetValue(orchestration.Destination, out var attribute))
            {
                foreach (var problem in await AudienceProblemsAsync(orchestration, segment, attribute, attributeTypes[orchestration.Destination], cancellationToken))
                {
                    Error("orchestration", orchestration.Name, problem);
                }
            }
        }
        var changedSchedules = changed.Where(c => c.Kind == ScheduleEntry.KindName).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in ScheduleEntryChecks.Problems(desired, changedSchedules, scheduleOptions.Value, clock.GetUtcNow()))
        {
            errors.Add(new FieldProblem("schedules", $"Schedules: {problem}"));
        }
        var removed = difference.Entries.Where(e => e.Kind == OrchestrationEntry.KindName && e.Change == DifferenceKind.Removed).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in await schedules.ListAsync(cancellationToken))
        {
            // An orchestration's schedule is in the document (checked above); a bridge's sync may follow an orchestration
            // too, and a bridge is not removed with the orchestrations of the file.
            if (schedule.Work.Kind == ScheduledWork.Orchestration)
            {
                if (removed.Contains(schedule.Work.Name))
                {
                    warnings.Add($"The orchestration '{schedule.Work.Name}' is removed with its schedule.");
                }
            }
            else if (schedule.Trigger.After is { } after && removed.Contains(after.Name))
            {
                Error("orchestration", after.Name, $"The {schedule.Work} is scheduled to run after it; give that one another schedule first, or remove it too.");
            }
        }
        return (errors, warnings);
    }

    /// <summary>An orchestration's query checked as saving it checks it; for a segment, its identifier column against the identity table first.</summary>
    private async Task<IEnumerable<string>> AudienceProblemsAsync(
        OrchestrationEntry orchestration, SegmentEntry? segment, string attribute, Core.Audiences.AttributeType attributeType, CancellationToken cancellationToken)
    {
        if (segment is null)
        {
            return (await queries.CheckAsync(orchestration.Query, attribute, cancellationToken)).Select(p => p.Message);
        }
        try
        {
            var (column, problem) = await identity.IdentifierAsync(orchestration.IdentifierColumn, attributeType, attribute, cancellationToken);
            return column is null
                ? [problem!]
                : (await queries.CheckAsync(segmentAudiences.QueryOf(segment.Sql, column.Name, attribute), attribute, cancellationToken)).Select(p => p.Message);
        }
        catch (Core.Audiences.AudienceRejectedException rejected)
        {
            return [rejected.Message];
        }
    }
}
