using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Application.Configuration;

/// <summary>Production's catalog as stored (records with their ids and times) and as a document, read together.</summary>
/// <param name="Revision">The catalog's revision, read before the rest: a write landing while the rest is read makes it stale, never current.</param>
internal sealed record CatalogState(
    CatalogDocument Document,
    IReadOnlyDictionary<string, Credential> Credentials,
    IReadOnlyDictionary<string, Destination> Destinations,
    IReadOnlyDictionary<string, Orchestration> Orchestrations,
    IReadOnlyDictionary<string, Schedule> Schedules,
    long Revision)
{
    /// <summary>The saved segments as stored, by name.</summary>
    public IReadOnlyDictionary<string, SavedSegment> Segments { get; init; } = new Dictionary<string, SavedSegment>();

    public static async Task<CatalogState> ReadAsync(ICatalogStore catalog, CancellationToken cancellationToken)
    {
        var revision = await catalog.RevisionAsync(cancellationToken);
        var credentials = await catalog.ListCredentialsAsync(cancellationToken);
        var destinations = await catalog.ListDestinationsAsync(cancellationToken);
        var orchestrations = await catalog.ListOrchestrationsAsync(cancellationToken);
        var schedules = await catalog.ListOrchestrationSchedulesAsync(cancellationToken);
        var segments = await catalog.ListSegmentsAsync(cancellationToken);
        return new CatalogState(CatalogDocument.Of(credentials, destinations, orchestrations, schedules, segments),
            credentials.ToDictionary(c => c.Name, StringComparer.Ordinal),
            destinations.ToDictionary(d => d.Name, StringComparer.Ordinal),
            orchestrations.ToDictionary(o => o.Name, StringComparer.Ordinal), schedules.ToDictionary(s => s.Work.Name, StringComparer.Ordinal), revision)
        {
            Segments = segments.ToDictionary(s => s.Name, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Forbidden (naming destination:admin-only) when the catalog holds a destination marked Admin only and the caller may
    /// not see it: the whole catalog as a file, or a sandbox copied from it, would show it, and a file applied without it would remove it.
    /// </summary>
    public Refusal? HiddenFrom(Caller caller) =>
        Destinations.Values.Any(d => d.AdminOnly) ? caller.Denied(HeraldActions.DestinationAdminOnly) : null;

    /// <summary>
    /// The writes that make production hold <paramref name="desired"/>: ids of things kept stay (runs and schedules
    /// still find them), new things get new ids, removals in the order nothing removed is still referred to. The store
    /// refuses them (<see cref="CatalogChangedException"/>) when the catalog was written since it was read here.
    /// </summary>
    public CatalogWrite WriteOf(CatalogDocument desired, DateTimeOffset now)
    {
        desired = desired.WithSchedulesKeptFrom(Document);
        var difference = CatalogDifference.Between(Document, desired);
        var touched = difference.Entries.Where(e => e.Change != DifferenceKind.Removed).Select(e => (e.Kind, e.Name)).ToHashSet();
        var removed = difference.Entries.Where(e => e.Change == DifferenceKind.Removed).Select(e => (e.Kind, e.Name)).ToHashSet();
        var credentialIds = desired.Credentials.ToDictionary(c => c.Name, c => Credentials.GetValueOrDefault(c.Name)?.Id ?? Guid.NewGuid(), StringComparer.Ordinal);
        var destinationIds = desired.Destinations.ToDictionary(d => d.Name, d => Destinations.GetValueOrDefault(d.Name)?.Id ?? Guid.NewGuid(), StringComparer.Ordinal);
        return new CatalogWrite(
            [.. desired.Credentials.Where(c => touched.Contains((c.Kind, c.Name))).Select(c => new Credential(credentialIds[c.Name], c.Name, c.Plugin, c.Settings,
                UseCases.Descriptions.Clean(c.Description), Credentials.GetValueOrDefault(c.Name)?.CreatedAt ?? now, now))],
            [.. desired.Destinations.Where(d => touched.Contains((d.Kind, d.Name))).Select(d => new Destination(destinationIds[d.Name], d.Name,
                credentialIds[d.Credential], d.Settings, UseCases.Descriptions.Clean(d.Description), Destinations.GetValueOrDefault(d.Name)?.CreatedAt ?? now, now,
                d.AdminOnly, d.PiiAllowed))],
            [.. desired.Orchestrations.Where(o => touched.Contains((o.Kind, o.Name))).Select(o => new Orchestration(
                Orchestrations.GetValueOrDefault(o.Name)?.Id ?? Guid.NewGuid(), o.Name, destinationIds[o.Destination], o.Query.Trim(), o.AllowEmpty,
                UseCases.Descriptions.Clean(o.Description), Orchestrations.GetValueOrDefault(o.Name)?.CreatedAt ?? now, now)
                { Segment = o.Segment, IdentifierColumn = o.IdentifierColumn })],
            [.. Orchestrations.Values.Where(o => removed.Contains((OrchestrationEntry.KindName, o.Name)))],
            [.. Destinations.Values.Where(d => removed.Contains((DestinationEntry.KindName, d.Name)))],
            [.. Credentials.Values.Where(c => removed.Contains((CredentialEntry.KindName, c.Name)))])
        {
            ExpectedRevision = Revision,
            SavedSchedules = [.. (desired.Schedules ?? []).Where(s => touched.Contains((s.Kind, s.Name))).Select(s => ScheduleOf(s, now))],
            RemovedSchedules = [.. removed.Where(r => r.Kind == ScheduleEntry.KindName).Select(r => ScheduledWork.OfOrchestration(r.Name))],
            SavedSegments = [.. desired.Segments.Where(g => touched.Contains((g.Kind, g.Name))).Select(g => new SavedSegment(
                Segments.GetValueOrDefault(g.Name)?.Id ?? Guid.NewGuid(), g.Name, g.Sql.Trim(), UseCases.Descriptions.Clean(g.Description),
                Segments.GetValueOrDefault(g.Name)?.CreatedAt ?? now, now))],
            RemovedSegments = [.. Segments.Values.Where(g => removed.Contains((SegmentEntry.KindName, g.Name)))],
        };
    }

    /// <summary>
    /// The stored schedule an entry becomes. A schedule that keeps firing as before keeps when it became active (its
    /// failures still count); a new, changed or resumed one is active from now on, so slots before now are not due, as when
    /// a person saves it. One paused by the file says so, unless it was paused already (its reason stays).
    /// </summary>
    private Schedule ScheduleOf(ScheduleEntry entry, DateTimeOffset now)
    {
        var trigger = entry.After is { } after ? ScheduleTrigger.RunAfter(ScheduledWork.OfOrchestration(after)) : ScheduleTrigger.OnCron(entry.Cron ?? "", entry.TimeZone ?? "");
        var existing = Schedules.GetValueOrDefault(entry.Name);
        var firingAsBefore = existing is { State: ScheduleState.Active } && existing.Trigger == trigger && !entry.Paused;
        return new Schedule(ScheduledWork.OfOrchestration(entry.Name), trigger, entry.Paused ? ScheduleState.Paused : ScheduleState.Active,
            !entry.Paused ? null : existing is { State: ScheduleState.Paused } ? existing.PausedReason : $"Paused by a configuration applied on {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
            firingAsBefore ? existing!.ActiveSince : now, existing?.LastSlotAt, now);
    }
}
