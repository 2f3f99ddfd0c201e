namespace Herald.Core.Schedules;

/// <summary>
/// Something Herald can run on a schedule, or chain after: its kind and its name. Orchestrations are the only kind
/// today; a bridge sync becomes another kind (a predecessor or a follower) without changing the stored shape.
/// </summary>
/// <param name="Kind">What the name names: <see cref="Orchestration"/> (stored as text).</param>
/// <param name="Name">The orchestration's name (names are unique per kind and not renamed).</param>
public sealed record ScheduledWork(string Kind, string Name)
{
    /// <summary>The kind of an orchestration.</summary>
    public const string Orchestration = "orchestration";

    /// <summary>An orchestration, by name.</summary>
    public static ScheduledWork OfOrchestration(string name) => new(Orchestration, name);

    /// <summary>"orchestration 'daily-gold'", as messages name it.</summary>
    public override string ToString() => $"{Kind} '{Name}'";
}
