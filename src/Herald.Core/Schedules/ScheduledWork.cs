namespace Herald.Core.Schedules;

/// <summary>
/// Something Herald can run on a schedule, or chain after: its kind and its name. An orchestration can be scheduled
/// and chained after; a bridge's sync can be scheduled and follow an orchestration, but nothing follows a sync (a
/// sync is not a run, and the run-after listener hears runs only).
/// </summary>
/// <param name="Kind">What the name names: <see cref="Orchestration"/> or <see cref="Bridge"/> (stored as text).</param>
/// <param name="Name">The orchestration's or bridge's name (names are unique per kind and not renamed).</param>
public sealed record ScheduledWork(string Kind, string Name)
{
    /// <summary>The kind of an orchestration.</summary>
    public const string Orchestration = "orchestration";

    /// <summary>The kind of a bridge: its schedule starts the bridge's sync.</summary>
    public const string Bridge = "bridge";

    /// <summary>An orchestration, by name.</summary>
    public static ScheduledWork OfOrchestration(string name) => new(Orchestration, name);

    /// <summary>A bridge (its sync), by name.</summary>
    public static ScheduledWork OfBridge(string name) => new(Bridge, name);

    /// <summary>"orchestration 'daily-gold'", as messages name it.</summary>
    public override string ToString() => $"{Kind} '{Name}'";
}
