using Herald.Core.Runs;

namespace Herald.Core.Ports;

/// <summary>Durable runs: their state, history, the calls made for them, and the workers' leases.</summary>
public interface IRunStore
{
    Task CreateAsync(Run run, CancellationToken cancellationToken);

    Task<Run?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the run over the version it was loaded at and appends its new events. Returns false, saving
    /// nothing, when someone else saved it first: the caller reloads and decides again.
    /// </summary>
    Task<bool> TrySaveAsync(Run run, CancellationToken cancellationToken);

    Task<IReadOnlyList<Run>> ListAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the oldest run that needs a worker and has no live lease, provided no earlier run of the same
    /// destination is still in flight (one run per destination at a time).
    /// </summary>
    Task<Run?> TryClaimNextAsync(string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the worker has lost it or the run has ended (cancelled): it must stop working on the run.</summary>
    Task<bool> RenewLeaseAsync(Guid runId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(Guid runId, string worker, CancellationToken cancellationToken);

    Task<IReadOnlyList<Guid>> ListAwaitingReportPastDeadlineAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a call; beyond the store's cap of calls per run, calls are no longer recorded (the run's state still changes).</summary>
    Task AppendCallAsync(Guid runId, RunCall call, CancellationToken cancellationToken);

    /// <summary>
    /// Records a call that repeats an earlier one with the same operation and outcome (a replayed callback) by counting it
    /// in that call's <see cref="RunCall.Attempt"/>, not storing it again; the first one is recorded as <see cref="AppendCallAsync"/> does.
    /// </summary>
    Task CountRepeatedCallAsync(Guid runId, RunCall call, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunCall>> ListCallsAsync(Guid runId, CancellationToken cancellationToken);
}

/// <summary>
/// Which runs to list, newest first: by state, destination, orchestration, starter, text, and creation time
/// (<paramref name="CreatedFrom"/> inclusive, <paramref name="CreatedBefore"/> exclusive); <paramref name="Offset"/>
/// runs are skipped (a page further back), at most <paramref name="Limit"/> returned (a store caps both).
/// <paramref name="Test"/>: true for test sends only (<see cref="RunOrigin.IsTest"/>), false for real runs only, null for both.
/// <paramref name="Sandbox"/>: only the runs made in the sandbox of that name (<see cref="RunOrigin.Sandbox"/>); null for any run.
/// </summary>
public sealed record RunQuery(
    RunState? State = null,
    Guid? DestinationId = null,
    Guid? OrchestrationId = null,
    string? StartedBy = null,
    string? Search = null,
    int Limit = 50,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    int Offset = 0,
    bool? Test = null,
    string? Sandbox = null);
