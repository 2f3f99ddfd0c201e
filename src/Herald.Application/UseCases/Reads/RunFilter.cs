using Herald.Core.Runs;

namespace Herald.Application.UseCases;

/// <summary>
/// Which runs to list, newest first. <paramref name="Destination"/> and <paramref name="Orchestration"/> are names or
/// ids; one that names nothing matches no run. <paramref name="From"/> (inclusive) and <paramref name="Before"/>
/// (exclusive) bound when the runs were created. <paramref name="Limit"/> is clamped to 1..<see cref="MaxLimit"/>;
/// <paramref name="Offset"/> runs are skipped (a page further back). <paramref name="Sandbox"/> keeps the runs made in
/// the sandbox of that name.
/// </summary>
public sealed record RunFilter(
    RunState? State = null,
    string? Destination = null,
    string? Orchestration = null,
    string? StartedBy = null,
    string? Search = null,
    int Limit = 50,
    DateTimeOffset? From = null,
    DateTimeOffset? Before = null,
    int Offset = 0,
    string? Sandbox = null)
{
    /// <summary>The most runs one list returns: a request cannot make Herald read its whole history at once.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Whether any filter is set (the limit is not a filter).</summary>
    public bool IsFiltered => State is not null || From is not null || Before is not null
        || new[] { Destination, Orchestration, StartedBy, Search, Sandbox }.Any(v => !string.IsNullOrWhiteSpace(v));
}
