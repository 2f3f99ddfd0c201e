namespace Herald.Application.Runs;

/// <summary>
/// The run engine's settings. The server binds and validates them as <c>Herald:Workers</c> and <c>Herald:Files</c>
/// (HeraldOptions) and hands them over here, so that the engine depends on no host.
/// </summary>
public sealed class RunEngineOptions
{
    /// <summary>Runs worked on at the same time by this instance.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a worker's claim on a run lasts without renewal.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle workers look for runs (they are also woken when a run is created).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often runs awaiting a report are checked against their deadline.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a staged file's signed URL works.</summary>
    public TimeSpan FileUrlLifetime { get; set; } = TimeSpan.FromHours(12);
}
