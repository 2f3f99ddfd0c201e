using Herald.Core.Catalog;
using Herald.Core.Schedules;

namespace Herald.Application.Configuration;

/// <summary>
/// The catalog as a neutral document (what <c>herald config export</c> writes and a sandbox copies): credentials with
/// their non-secret settings, destinations, orchestrations and their schedules, and saved segments, each list in name
/// order, things referring to each other by name. No ids, no times, no secrets.
/// </summary>
/// <param name="Schedules">
/// The orchestrations' schedules (cron or run-after; one that runs by hand only has none); null when the document does
/// not speak of schedules (a file written before they were part of it), so applying it leaves them as they are.
/// </param>
public sealed record CatalogDocument(
    IReadOnlyList<CredentialEntry> Credentials,
    IReadOnlyList<DestinationEntry> Destinations,
    IReadOnlyList<OrchestrationEntry> Orchestrations,
    IReadOnlyList<ScheduleEntry>? Schedules = null)
{
    /// <summary>The kinds of entries, in the order differences list them and writes make them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [CredentialEntry.KindName, DestinationEntry.KindName, OrchestrationEntry.KindName, ScheduleEntry.KindName, SegmentEntry.KindName];

    /// <summary>The version of the file's shape; a file of another version is refused, so a shape change is never misread.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// This document, holding <paramref name="current"/>'s schedules when it does not speak of schedules (<see cref="Schedules"/>
    /// null): those of its orchestrations (one it removes goes with its schedule).
    /// </summary>
    public CatalogDocument WithSchedulesKeptFrom(CatalogDocument current) => Schedules is not null ? this : this with
    {
        Schedules = [.. (current.Schedules ?? []).Where(s => Orchestrations.Any(o => string.Equals(o.Name, s.Name, StringComparison.Ordinal)))],
    };

    /// <summary>The saved segments, in name order; orchestrations name them.</summary>
    public IReadOnlyList<SegmentEntry> Segments { get; init; } = [];

    /// <summary>Every entry, in the order of <see cref="Kinds"/>.</summary>
    public IEnumerable<ICatalogEntry> Entries => Credentials.Cast<ICatalogEntry>().Concat(Destinations).Concat(Orchestrations).Concat(Schedules ?? []).Concat(Segments);

    /// <summary>
    /// The document of stored records; a destination whose credential is missing (never, the store refuses it) names its id.
    /// Of the schedules, those of orchestrations that start runs by themselves (cron or run-after) are kept.
    /// </summary>
    public static CatalogDocument Of(IEnumerable<Credential> credentials, IEnumerable<Destination> destinations, IEnumerable<Orchestration> orchestrations,
        IEnumerable<Schedule> schedules, IEnumerable<SavedSegment> segments)
    {
        var credentialNames = credentials.ToDictionary(c => c.Id, c => c.Name);
        var destinationList = destinations.ToList();
        var destinationNames = destinationList.ToDictionary(d => d.Id, d => d.Name);
        return new CatalogDocument(
            [.. credentials.Select(c => new CredentialEntry(c.Name, c.Plugin, c.Settings, c.Description)).OrderBy(e => e.Name, StringComparer.Ordinal)],
            [.. destinationList.Select(d => new DestinationEntry(d.Name, credentialNames.GetValueOrDefault(d.CredentialId) ?? d.CredentialId.ToString(), d.Settings, d.Description,
                d.AdminOnly, d.PiiAllowed))
                .OrderBy(e => e.Name, StringComparer.Ordinal)],
            [.. orchestrations.Select(o => new OrchestrationEntry(o.Name, destinationNames.GetValueOrDefault(o.DestinationId) ?? o.DestinationId.ToString(), o.Query, o.AllowEmpty, o.Description)
                { Segment = o.Segment, IdentifierColumn = o.IdentifierColumn })
                .OrderBy(e => e.Name, StringComparer.Ordinal)],
            [.. schedules.Where(s => s.Work.Kind == ScheduledWork.Orchestration && s.Trigger.Kind != ScheduleTriggerKind.Manual)
                .Select(s => new ScheduleEntry(s.Work.Name, s.Trigger.Cron, s.Trigger.TimeZone, s.Trigger.After?.Name, s.State == ScheduleState.Paused))
                .OrderBy(e => e.Name, StringComparer.Ordinal)])
        {
            Segments = [.. segments.Select(SegmentEntry.Of).OrderBy(e => e.Name, StringComparer.Ordinal)],
        };
    }
}
