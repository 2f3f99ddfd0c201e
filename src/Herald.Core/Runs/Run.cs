using Herald.Core.Audiences;

namespace Herald.Core.Runs;

/// <summary>
/// One audience run as an explicit state machine. Each transition is one method that refuses moves
/// from the wrong state, records when and why, and leaves the new events for the store to append.
/// Steps that a worker repeats after a crash (building, staging, submitting) accept being entered again.
/// </summary>
public sealed class Run
{
    private readonly List<RunEvent> _history;
    private readonly List<RunEvent> _unsaved = [];

    public Run(Guid id, RunOrigin origin, DateTimeOffset createdAt)
    {
        Id = id;
        Origin = origin;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        State = RunState.Queued;
        Reason = origin.OrchestrationName is null
            ? $"Queued by {origin.StartedBy} for destination '{origin.DestinationName}'."
            : $"Queued by {origin.StartedBy} for orchestration '{origin.OrchestrationName}'.";
        _history = [];
        Record(createdAt, Reason);
    }

    /// <summary>Rebuilds a run from the store.</summary>
    public Run(RunSnapshot snapshot, IEnumerable<RunEvent> history)
    {
        Id = snapshot.Id;
        Origin = snapshot.Origin;
        CreatedAt = snapshot.CreatedAt;
        UpdatedAt = snapshot.UpdatedAt;
        State = snapshot.State;
        Reason = snapshot.Reason;
        Failure = snapshot.Failure;
        Counts = snapshot.Counts;
        File = snapshot.File;
        SubmissionStartedAt = snapshot.SubmissionStartedAt;
        SubmittedAt = snapshot.SubmittedAt;
        ReportDeadline = snapshot.ReportDeadline;
        Report = snapshot.Report;
        FinishedAt = snapshot.FinishedAt;
        Version = snapshot.Version;
        _history = [.. history];
    }

    public Guid Id { get; }
    public RunOrigin Origin { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public RunState State { get; private set; }
    public string Reason { get; private set; }
    public FailureKind? Failure { get; private set; }
    public AudienceCounts? Counts { get; private set; }
    public StagedFile? File { get; private set; }

    /// <summary>Set just before the upload request leaves; with no <see cref="SubmittedAt"/> the outcome is in doubt.</summary>
    public DateTimeOffset? SubmissionStartedAt { get; private set; }

    /// <summary>When Insider One accepted the upload.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ReportDeadline { get; private set; }
    public SegmentReport? Report { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Optimistic concurrency: the store saves only over the version it loaded.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<RunEvent> History => _history;

    public bool IsFinal => State.IsFinal();

    /// <summary>The submission may have reached Insider One, but no answer was recorded.</summary>
    public bool SubmissionInDoubt => SubmissionStartedAt is not null && SubmittedAt is null;

    public bool HasUnsavedChanges => _unsaved.Count > 0;

    public IReadOnlyList<RunEvent> TakeUnsavedEvents()
    {
        var events = _unsaved.ToArray();
        _unsaved.Clear();
        return events;
    }

    public void MarkSaved(long version) => Version = version;

    public void StartBuilding(DateTimeOffset now)
    {
        Require(nameof(StartBuilding), RunState.Queued, RunState.Building);
        var again = State == RunState.Building;
        MoveTo(RunState.Building, now, again
            ? "Running the query again: the previous attempt did not finish (Herald restarted or lost its lease)."
            : "Running the query on the customer 360.");
    }

    public void CompleteBuild(AudienceCounts counts, DateTimeOffset now)
    {
        Require(nameof(CompleteBuild), RunState.Building);
        Counts = counts;
        var setAside = counts.SetAsideTotal == 0
            ? "none set aside"
            : $"{counts.SetAsideTotal:N0} set aside ({string.Join(", ", counts.SetAside.Select(p => $"{p.Key}: {p.Value:N0}"))})";
        MoveTo(RunState.Staging, now,
            $"The query returned {counts.RowsQueried:N0} rows: {counts.ValuesSent:N0} values to send, " +
            $"{counts.EmptyValues:N0} empty and {counts.DuplicateValues:N0} duplicates dropped, {setAside}.");
    }

    /// <summary>The built file was lost before it was staged (a crash, a cleaned disk): build it again.</summary>
    public void RestartBuild(DateTimeOffset now, string reason)
    {
        Require(nameof(RestartBuild), RunState.Staging);
        Counts = null;
        MoveTo(RunState.Building, now, reason);
    }

    public void CompleteStaging(StagedFile file, DateTimeOffset now)
    {
        Require(nameof(CompleteStaging), RunState.Staging);
        File = file;
        MoveTo(RunState.Submitting, now,
            $"Staged the file ({FormatBytes(file.Bytes)}); its signed URL works until {file.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
    }

    /// <summary>Recorded before the upload request leaves, so that a crash after it is known to be in doubt.</summary>
    public void BeginSubmission(DateTimeOffset now)
    {
        Require(nameof(BeginSubmission), RunState.Submitting);
        SubmissionStartedAt = now;
        Note(now, "Submitting the segment to Insider One.");
    }

    public void AcceptSubmission(DateTimeOffset now, DateTimeOffset reportDeadline, string reason)
    {
        Require(nameof(AcceptSubmission), RunState.Submitting);
        SubmittedAt = now;
        ReportDeadline = reportDeadline;
        if (Report is not null)
        {
            // Insider One can be faster than our own bookkeeping: the callback came before we recorded the 200.
            Finish(RunState.Succeeded, now, $"{reason} Insider One had already reported: {Describe(Report)}.");
            return;
        }
        MoveTo(RunState.AwaitingReport, now, $"{reason} Waiting for Insider One's report until {reportDeadline:yyyy-MM-dd HH:mm} UTC.");
    }

    public ReportOutcome ReceiveReport(long valid, long invalid, long total, DateTimeOffset now)
    {
        switch (State)
        {
            case RunState.AwaitingReport:
                Report = new SegmentReport(valid, invalid, total, now, Late: false);
                Finish(RunState.Succeeded, now, $"Insider One reported {Describe(Report)}.");
                return ReportOutcome.Recorded;
            case RunState.Submitting:
                Report = new SegmentReport(valid, invalid, total, now, Late: false);
                Note(now, $"Insider One reported {Describe(Report)} before the submission was recorded as accepted.");
                return ReportOutcome.Recorded;
            case RunState.Failed when Failure == FailureKind.ReportTimeout && Report is null:
                Report = new SegmentReport(valid, invalid, total, now, Late: true);
                Failure = null;
                Finish(RunState.Succeeded, now, $"Succeeded, reported late: Insider One reported {Describe(Report)} after the deadline.");
                return ReportOutcome.RecordedLate;
            case RunState.Queued or RunState.Building or RunState.Staging:
                return ReportOutcome.NotExpected;
            default:
                return ReportOutcome.AlreadyFinal;
        }
    }

    public void ExpireReport(DateTimeOffset now)
    {
        Require(nameof(ExpireReport), RunState.AwaitingReport);
        if (ReportDeadline is { } deadline && now < deadline)
        {
            throw new InvalidRunTransitionException(Id, State, "expire before its deadline");
        }
        Failure = FailureKind.ReportTimeout;
        Finish(RunState.Failed, now,
            $"No report from Insider One by {ReportDeadline:yyyy-MM-dd HH:mm} UTC. Insider One accepted the segment; " +
            "check it in InOne, and check that Insider One can reach Herald's callback URL (Herald:PublicBaseUrl).");
    }

    public void Fail(FailureKind kind, string reason, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new InvalidRunTransitionException(Id, State, "fail");
        }
        Failure = kind;
        Finish(RunState.Failed, now, reason);
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new InvalidRunTransitionException(Id, State, "be cancelled");
        }
        Finish(RunState.Cancelled, now, reason);
    }

    /// <summary>Adds a line to the history without changing state (a retry, a recovery decision).</summary>
    public void Note(DateTimeOffset now, string reason)
    {
        UpdatedAt = now;
        Record(now, reason);
    }

    public RunSnapshot ToSnapshot() => new(
        Id, Origin, CreatedAt, UpdatedAt, State, Reason, Failure, Counts, File,
        SubmissionStartedAt, SubmittedAt, ReportDeadline, Report, FinishedAt, Version);

    private void Finish(RunState state, DateTimeOffset now, string reason)
    {
        FinishedAt = now;
        MoveTo(state, now, reason);
    }

    private void MoveTo(RunState state, DateTimeOffset now, string reason)
    {
        State = state;
        Reason = reason;
        UpdatedAt = now;
        Record(now, reason);
    }

    private void Record(DateTimeOffset now, string reason)
    {
        var entry = new RunEvent(now, State, reason);
        _history.Add(entry);
        _unsaved.Add(entry);
    }

    private void Require(string transition, params RunState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new InvalidRunTransitionException(Id, State, transition);
        }
    }

    private static string Describe(SegmentReport report) =>
        $"{report.Valid:N0} valid and {report.Invalid:N0} invalid of {report.Total:N0} values";

    internal static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.##} MB",
    };
}
