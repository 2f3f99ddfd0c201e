using Herald.Core.Audiences;
using Herald.Core.Updates;

namespace Herald.Core.Runs;

// Over 250 lines on purpose: every transition of a run is here, one guarded method each, so that where and why a
// run changes state is read in one place (docs/architecture.md). The sentences its reasons are made of are in RunReasons.

/// <summary>
/// One audience run as an explicit state machine. Each transition is one method that refuses moves
/// from the wrong state, records when and why, and leaves the new events for the store to append.
/// Steps that a worker repeats after a crash (building, comparing, staging, submitting) accept being entered again.
/// A run uploads one segment, or the numbered parts of a split audience; each part is submitted and reported on
/// its own, and the run's file, submission and report summarise them.
/// </summary>
public sealed class Run
{
    private readonly List<RunEvent> _history;
    private readonly List<RunEvent> _unsaved = [];
    private List<SegmentPart> _parts = [];

    /// <param name="occasion">Why the run was created beyond who asked (a schedule's slot and the slots it missed); added to the first reason.</param>
    public Run(Guid id, RunOrigin origin, DateTimeOffset createdAt, string? occasion = null)
    {
        Id = id;
        Origin = origin;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        State = RunState.Queued;
        Reason = (origin.OrchestrationName, origin.SampleSize) switch
        {
            (null, null) => $"Queued by {origin.StartedBy} for destination '{origin.DestinationName}'.",
            (null, { } sample) => $"Queued by {origin.StartedBy}: a test send of {sample:N0} value(s) to the segment '{origin.SegmentName}'.",
            ({ } name, null) => $"Queued by {origin.StartedBy} for orchestration '{name}'.",
            ({ } name, { } sample) => $"Queued by {origin.StartedBy}: a test send of {sample:N0} value(s) of orchestration '{name}' to the segment '{origin.SegmentName}'.",
        };
        if (!string.IsNullOrWhiteSpace(occasion))
        {
            Reason = $"{Reason} {occasion}";
        }
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
        Comparison = snapshot.Comparison;
        ReportDeadline = snapshot.ReportDeadline;
        FinishedAt = snapshot.FinishedAt;
        Remedy = snapshot.Remedy;
        _parts = [.. snapshot.Parts];
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

    /// <summary>What would let the failed run through, for the edges to write as advice; null otherwise.</summary>
    public RunRemedy? Remedy { get; private set; }

    /// <summary>How this run changes the segment against what Insider One held; null until compared, or when Insider One's copy could not be read.</summary>
    public SegmentComparison? Comparison { get; private set; }

    /// <summary>The segments this run uploads, planned by the comparing step.</summary>
    public IReadOnlyList<SegmentPart> Parts => _parts;

    /// <summary>The staged file of a run that uploads one segment.</summary>
    public StagedFile? File => _parts.Count == 1 ? _parts[0].File : null;

    /// <summary>When the first upload request left; with a part not yet accepted, its outcome is in doubt.</summary>
    public DateTimeOffset? SubmissionStartedAt => _parts.Select(p => p.SubmissionStartedAt).Where(t => t is not null).Min();

    /// <summary>When Insider One had accepted every part.</summary>
    public DateTimeOffset? SubmittedAt => _parts.Count > 0 && _parts.All(p => p.SubmittedAt is not null) ? _parts.Max(p => p.SubmittedAt) : null;

    public DateTimeOffset? ReportDeadline { get; private set; }

    /// <summary>Insider One's report, summed over the parts once every part has one.</summary>
    public SegmentReport? Report => _parts.Count > 0 && _parts.All(p => p.Report is not null)
        ? new SegmentReport(_parts.Sum(p => p.Report!.Valid), _parts.Sum(p => p.Report!.Invalid), _parts.Sum(p => p.Report!.Total),
            _parts.Max(p => p.Report!.ReceivedAt), _parts.Any(p => p.Report!.Late))
        : null;

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Optimistic concurrency: the store saves only over the version it loaded.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<RunEvent> History => _history;

    public bool IsFinal => State.IsFinal();

    /// <summary>The submission may have reached Insider One, but no answer was recorded.</summary>
    public bool SubmissionInDoubt => _parts.Any(p => p.SubmissionInDoubt);

    /// <summary>The first part Insider One has not accepted yet; null when all are.</summary>
    public SegmentPart? NextPartToSubmit => _parts.FirstOrDefault(p => p.SubmittedAt is null);

    public SegmentPart? FindPart(string segmentName) => _parts.FirstOrDefault(p => p.SegmentName == segmentName);

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
        MoveTo(RunState.Comparing, now,
            $"The query returned {counts.RowsQueried:N0} rows: {counts.ValuesSent:N0} values to send, " +
            $"{counts.EmptyValues:N0} empty and {counts.DuplicateValues:N0} duplicates dropped, {setAside}.{DescribeNormalized(counts)}{DescribeNotes(counts)}");
    }

    /// <summary>
    /// The query ran but gave nothing to send (and the run does not allow an empty audience): the run fails,
    /// keeping the counts so that the reasons values were set aside can be seen.
    /// </summary>
    public void FailEmptyBuild(AudienceCounts counts, string reason, DateTimeOffset now)
    {
        Require(nameof(FailEmptyBuild), RunState.Building);
        Counts = counts;
        Failure = FailureKind.Audience;
        Remedy = new RunRemedy(RunRemedyKind.AllowEmpty);
        Finish(RunState.Failed, now, reason + DescribeNotes(counts));
    }

    private static string DescribeNormalized(AudienceCounts counts) => counts.NormalizedTotal == 0 ? ""
        : $" Herald rewrote {counts.NormalizedTotal:N0} values before sending ({string.Join(", ", counts.Normalized!.Select(p => $"{p.Key}: {p.Value:N0}"))}).";

    private static string DescribeNotes(AudienceCounts counts) => counts.Notes is { Count: > 0 } notes ? " " + string.Join(" ", notes) : "";

    /// <summary>The built file was lost before it was staged (a crash, a cleaned disk): build it again.</summary>
    public void RestartBuild(DateTimeOffset now, string reason)
    {
        Require(nameof(RestartBuild), RunState.Comparing, RunState.Staging);
        Counts = null;
        Comparison = null;
        _parts = [];
        MoveTo(RunState.Building, now, reason);
    }

    /// <summary>
    /// The audience was compared with what Insider One holds and passed the guards: the parts to upload are
    /// planned (one segment, or the numbered parts of a split audience), their files written.
    /// </summary>
    /// <param name="comparison">Null when Insider One's copy could not be read for a segment Herald never uploaded to (nothing to guard).</param>
    public void CompleteComparison(SegmentComparison? comparison, IReadOnlyList<SegmentPart> parts, DateTimeOffset now)
    {
        Require(nameof(CompleteComparison), RunState.Comparing);
        if (parts.Count == 0 || parts.Select((p, i) => p.Number == i + 1).Any(ok => !ok))
        {
            throw new ArgumentException("Parts are numbered from 1, in order.", nameof(parts));
        }
        Comparison = comparison;
        _parts = [.. parts];
        MoveTo(RunState.Staging, now, comparison is null
            ? $"Not compared with Insider One's copy. {RunReasons.Layout(null, parts)}"
            : $"{RunReasons.Comparison(comparison)} {RunReasons.Layout(comparison, parts)}");
    }

    /// <summary>
    /// The comparison found a reason not to upload (the shrink guard, a file over the limit): the run fails
    /// before anything leaves, keeping what was found so that the numbers can be seen.
    /// </summary>
    public void StopBeforeUpload(SegmentComparison? comparison, FailureKind kind, string reason, DateTimeOffset now, RunRemedy? remedy = null)
    {
        Require(nameof(StopBeforeUpload), RunState.Comparing);
        Comparison = comparison ?? Comparison;
        Failure = kind;
        Remedy = remedy;
        Finish(RunState.Failed, now, reason);
    }

    /// <summary>Every part's file is in the served area; its URL works until the file's expiry.</summary>
    public void CompleteStaging(IReadOnlyList<StagedFile> files, DateTimeOffset now)
    {
        Require(nameof(CompleteStaging), RunState.Staging);
        if (files.Count != _parts.Count)
        {
            throw new ArgumentException($"The run has {_parts.Count} parts but {files.Count} files were staged.", nameof(files));
        }
        _parts = [.. _parts.Select((part, i) => part with { File = files[i] })];
        var expires = files.Min(f => f.ExpiresAt);
        MoveTo(RunState.Submitting, now, files.Count == 1
            ? $"Staged the file ({RunReasons.Bytes(files[0].Bytes)}); its signed URL works until {expires:yyyy-MM-dd HH:mm} UTC."
            : $"Staged {files.Count} files ({string.Join(", ", files.Select(f => RunReasons.Bytes(f.Bytes)))}); their signed URLs work until {expires:yyyy-MM-dd HH:mm} UTC.");
    }

    /// <summary>Recorded before the part's upload request leaves, so that a crash after it is known to be in doubt.</summary>
    public void BeginSubmission(int partNumber, DateTimeOffset now)
    {
        Require(nameof(BeginSubmission), RunState.Submitting);
        var part = PartOf(partNumber);
        Replace(part with { SubmissionStartedAt = now });
        Note(now, _parts.Count == 1
            ? "Submitting the segment to Insider One."
            : $"Submitting part {part.Number} of {_parts.Count}, '{part.SegmentName}', to Insider One.");
    }

    public void AcceptSubmission(int partNumber, DateTimeOffset now, DateTimeOffset reportDeadline, string reason)
    {
        Require(nameof(AcceptSubmission), RunState.Submitting);
        Replace(PartOf(partNumber) with { SubmittedAt = now });
        ReportDeadline = reportDeadline;
        if (NextPartToSubmit is { } next)
        {
            Note(now, $"{reason} Part {next.Number} of {_parts.Count} comes next.");
            return;
        }
        if (Report is { } report)
        {
            // Insider One can be faster than our own bookkeeping: the callback came before we recorded the 200.
            Finish(RunState.Succeeded, now, $"{reason} Insider One had already reported: {RunReasons.Report(report)}.");
            return;
        }
        MoveTo(RunState.AwaitingReport, now, _parts.Count == 1
            ? $"{reason} Waiting for Insider One's report until {reportDeadline:yyyy-MM-dd HH:mm} UTC."
            : $"{reason} All {_parts.Count} parts are submitted; waiting for Insider One's reports until {reportDeadline:yyyy-MM-dd HH:mm} UTC.");
    }

    /// <summary>How the history's note on a refused, impossible report begins.</summary>
    public const string RefusedReportNote = "Refused a report from Insider One";

    /// <summary>Insider One's report on one of the run's segments, named as in its callback.</summary>
    public ReportOutcome ReceiveReport(string segmentName, long valid, long invalid, long total, DateTimeOffset now)
    {
        if (State is RunState.Queued or RunState.Building or RunState.Comparing or RunState.Staging)
        {
            return ReportOutcome.NotExpected;
        }
        if (FindPart(segmentName) is not { } part)
        {
            return ReportOutcome.UnknownSegment;
        }
        var expectsReport = part.Report is null
            && (State is RunState.AwaitingReport or RunState.Submitting || (State == RunState.Failed && Failure == FailureKind.ReportTimeout));
        if (ImpossibleReport(part, valid, invalid, total) is { } impossible)
        {
            // Refused whatever the run's state. Said once while the run waits (a replay changes nothing more), and once
            // per part after that, so that no stream of late, differing posts can grow the history.
            var refused = $"{RefusedReportNote} on {DescribePart(part)}:";
            var note = $"{refused} {impossible} {(expectsReport ? "The run still waits for a true report." : "Nothing changed.")}";
            if (expectsReport ? _history.Count == 0 || _history[^1].Reason != note : !_history.Any(e => e.Reason.StartsWith(refused, StringComparison.Ordinal)))
            {
                Note(now, note);
            }
            return ReportOutcome.Impossible;
        }
        if (part.Report is { } first && (first.Valid, first.Invalid, first.Total) != (valid, invalid, total))
        {
            // Insider One changed its mind, or someone else holds the callback URL: the first report stands, and the
            // history keeps the second so that the difference can be seen. Only the first differing report of a part
            // is said: more of them (a replay, or many different ones) are counted on the call, never noted again.
            var secondOn = $"Insider One sent a second, different report on {(_parts.Count == 1 ? $"'{part.SegmentName}'" : DescribePart(part))}:";
            if (!_history.Any(e => e.Reason.StartsWith(secondOn, StringComparison.Ordinal)))
            {
                Note(now, $"{secondOn} {valid:N0} valid and {invalid:N0} invalid of {total:N0} values, where the first said {RunReasons.Report(first)}. The first report stands.");
            }
            return ReportOutcome.Conflicting;
        }
        switch (State)
        {
            case RunState.AwaitingReport or RunState.Submitting when part.Report is not null:
                return ReportOutcome.Duplicate;
            case RunState.AwaitingReport:
                Replace(part with { Report = new SegmentReport(valid, invalid, total, now, Late: false) });
                if (Report is { } report)
                {
                    Finish(RunState.Succeeded, now, _parts.Count == 1
                        ? $"Insider One reported {RunReasons.Report(report)}."
                        : $"Insider One reported on all {_parts.Count} parts: {RunReasons.Report(report)} in all.");
                }
                else
                {
                    Note(now, $"Insider One reported on {DescribePart(part)}: {valid:N0} valid and {invalid:N0} invalid of {total:N0} values; " +
                        $"{_parts.Count(p => p.Report is null)} more to come.");
                }
                return ReportOutcome.Recorded;
            case RunState.Submitting:
                Replace(part with { Report = new SegmentReport(valid, invalid, total, now, Late: false) });
                Note(now, part.SubmittedAt is null
                    ? $"Insider One reported {valid:N0} valid and {invalid:N0} invalid of {total:N0} values{(_parts.Count == 1 ? "" : $" on {DescribePart(part)}")} before the submission was recorded as accepted."
                    : $"Insider One reported on {DescribePart(part)}: {valid:N0} valid and {invalid:N0} invalid of {total:N0} values.");
                return ReportOutcome.Recorded;
            case RunState.Failed when Failure == FailureKind.ReportTimeout && part.Report is null:
                Replace(part with { Report = new SegmentReport(valid, invalid, total, now, Late: true) });
                if (Report is { } late)
                {
                    Failure = null;
                    Remedy = null;
                    Finish(RunState.Succeeded, now, $"Succeeded, reported late: Insider One reported {RunReasons.Report(late)} after the deadline.");
                }
                else
                {
                    Note(now, $"Insider One reported on {DescribePart(part)} after the deadline; {_parts.Count(p => p.Report is null)} part(s) still without a report.");
                }
                return ReportOutcome.RecordedLate;
            default:
                return ReportOutcome.AlreadyFinal;
        }
    }

    /// <summary>
    /// Why a report cannot be true of the part Herald uploaded, or null: its counts must add up, and Insider One cannot
    /// have been handed more values than the part's file held.
    /// </summary>
    private static string? ImpossibleReport(SegmentPart part, long valid, long invalid, long total)
    {
        if (valid < 0 || invalid < 0 || total < 0 || valid > total || invalid > total || valid + invalid != total)
        {
            return $"its counts do not add up ({valid:N0} valid + {invalid:N0} invalid is not {total:N0} in all).";
        }
        if (total > part.Values)
        {
            return $"it counts {total:N0} values, more than the {part.Values:N0} Herald sent.";
        }
        return null;
    }

    /// <summary>
    /// Insider One fetched a file from Herald's file endpoint: the first download of each part is noted, so that a
    /// run without a report can tell "never downloaded" from "downloaded, but no callback".
    /// </summary>
    /// <returns>Whether this was the part's first download.</returns>
    public bool RecordFileDownload(string fileName, DateTimeOffset now)
    {
        if (_parts.FirstOrDefault(p => p.File?.FileName == fileName) is not { DownloadedAt: null } part)
        {
            return false;
        }
        Replace(part with { DownloadedAt = now });
        Note(now, _parts.Count == 1 ? "Insider One downloaded the file." : $"Insider One downloaded the file of {DescribePart(part)}.");
        return true;
    }

    /// <param name="heraldDown">When Herald's server was not running since the submission (from the server's own records).</param>
    public void ExpireReport(DateTimeOffset now, IReadOnlyList<HeraldDowntime>? heraldDown = null)
    {
        Require(nameof(ExpireReport), RunState.AwaitingReport);
        if (ReportDeadline is { } deadline && now < deadline)
        {
            throw new InvalidRunTransitionException(Id, State, "expire before its deadline");
        }
        Failure = FailureKind.ReportTimeout;
        var waiting = _parts.Where(p => p.Report is null).ToList();
        var missing = _parts.Count <= 1 ? "" : $" on {string.Join(", ", waiting.Select(p => $"'{p.SegmentName}'"))}";
        var plural = _parts.Count > 1 ? "s" : "";
        var noReport = $"No report from Insider One{missing} by {ReportDeadline:yyyy-MM-dd HH:mm} UTC.";
        if (waiting.Count > 0 && waiting.All(p => p.DownloadedAt is null))
        {
            var down = heraldDown is { Count: > 0 }
                ? "; Herald was unreachable " + string.Join(" and ", heraldDown.Select(d => $"from {d.From:yyyy-MM-dd HH:mm:ss} to {d.To:yyyy-MM-dd HH:mm:ss} UTC")) +
                  " (its server was not running), so Insider One may have tried then. Run again while Herald is up"
                : ". Check that Insider One can reach Herald's file URLs (Herald:PublicBaseUrl), then run again";
            Finish(RunState.Failed, now, $"{noReport} Insider One accepted the segment{plural} but never downloaded the file{plural}{down}.");
            return;
        }
        Finish(RunState.Failed, now,
            $"{noReport} Insider One accepted the segment{plural} and downloaded the file{plural}; " +
            "check the segment in InOne, and check that Insider One can reach Herald's callback URL (Herald:PublicBaseUrl).");
    }

    public void Fail(FailureKind kind, string reason, DateTimeOffset now, RunRemedy? remedy = null)
    {
        if (IsFinal)
        {
            throw new InvalidRunTransitionException(Id, State, "fail");
        }
        Failure = kind;
        Remedy = remedy;
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
        Id, Origin, CreatedAt, UpdatedAt, State, Reason, Failure, Counts, ReportDeadline, FinishedAt, Version, [.. _parts], Comparison, Remedy);

    private SegmentPart PartOf(int number) =>
        _parts.FirstOrDefault(p => p.Number == number) ?? throw new ArgumentOutOfRangeException(nameof(number), $"Run {Id} has no part {number}.");

    private void Replace(SegmentPart part) => _parts[part.Number - 1] = part;

    private string DescribePart(SegmentPart part) => $"part {part.Number} of {_parts.Count} ('{part.SegmentName}')";

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
}
