namespace Herald.Core.Catalog;

/// <summary>
/// Changes to the catalog that are made together or not at all (a configuration file applied, a sandbox promoted):
/// the store saves the credentials, destinations and orchestrations given, then removes those named, in one
/// transaction. Saving a credential here never touches its secrets.
/// </summary>
/// <param name="RemovedOrchestrations">Their schedules (and the schedules' slots) are removed with them.</param>
public sealed record CatalogWrite(
    IReadOnlyList<Credential> SavedCredentials,
    IReadOnlyList<Destination> SavedDestinations,
    IReadOnlyList<Orchestration> SavedOrchestrations,
    IReadOnlyList<Orchestration> RemovedOrchestrations,
    IReadOnlyList<Destination> RemovedDestinations,
    IReadOnlyList<Credential> RemovedCredentials)
{
    /// <summary>A sandbox saved with the change (promoted and kept: its base becomes what production now holds).</summary>
    public Sandboxes.Sandbox? SavedSandbox { get; init; }

    /// <summary>A sandbox removed with the change (promoted and deleted).</summary>
    public Guid? RemovedSandbox { get; init; }

    /// <summary>
    /// The catalog's revision (<see cref="Ports.ICatalogStore.RevisionAsync"/>) when the change was computed: the store refuses
    /// the write with <see cref="CatalogChangedException"/> when the catalog's revision is another one inside the write's
    /// transaction; null writes whatever the revision.
    /// </summary>
    public long? ExpectedRevision { get; init; }

    /// <summary>Orchestrations' schedules saved with the change (after the orchestrations), each replacing the one of its work.</summary>
    public IReadOnlyList<Schedules.Schedule> SavedSchedules { get; init; } = [];

    /// <summary>Orchestrations' schedules removed with the change, with their slots: those orchestrations run by hand only.</summary>
    public IReadOnlyList<Schedules.ScheduledWork> RemovedSchedules { get; init; } = [];

    /// <summary>Secrets a sandbox holds of credentials it added, moved to production with the promotion; null for none.</summary>
    public PromotedSecrets? PromotedSecrets { get; init; }

    /// <summary>Saved segments saved with the change, before the orchestrations that send them.</summary>
    public IReadOnlyList<SavedSegment> SavedSegments { get; init; } = [];

    /// <summary>Saved segments removed with the change, after the orchestrations that sent them.</summary>
    public IReadOnlyList<SavedSegment> RemovedSegments { get; init; } = [];

    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => SavedCredentials.Count + SavedDestinations.Count + SavedOrchestrations.Count
        + RemovedOrchestrations.Count + RemovedDestinations.Count + RemovedCredentials.Count + SavedSchedules.Count + RemovedSchedules.Count
        + SavedSegments.Count + RemovedSegments.Count == 0;
}
