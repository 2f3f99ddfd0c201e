namespace Herald.Core.Ports;

/// <summary>The destination plugin's side of a run: submitting a segment and asking about it.</summary>
public interface ISegmentGateway
{
    Task<SubmissionOutcome> SubmitAsync(SegmentSubmission submission, ICallRecorder recorder, CancellationToken cancellationToken);

    /// <summary>Whether a segment of that name exists in the account (used to settle an in-doubt submission).</summary>
    Task<SegmentPresence> FindSegmentAsync(SegmentAccount account, string segmentName, ICallRecorder recorder, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads the values Insider One holds for the segment (insider-one.md section 4, assumed) into
    /// <paramref name="targetPath"/>, streaming: the file is never held in memory. Written whole or not at all.
    /// </summary>
    Task<SegmentDownload> DownloadSegmentAsync(SegmentAccount account, string segmentName, string targetPath, ICallRecorder recorder, CancellationToken cancellationToken);

    /// <summary>
    /// Tries the account once, changing nothing (a look-up of the segment), so that a destination is not
    /// saved with a credential Insider One refuses. No retries: a person is waiting for the answer.
    /// </summary>
    Task<ConnectionCheck> CheckConnectionAsync(SegmentAccount account, string segmentName, CancellationToken cancellationToken);
}

/// <summary>The answer to a connection test: whether the account works, and in plain words what was found.</summary>
public sealed record ConnectionCheck(bool Succeeded, Runs.FailureKind? Failure, string Message);

public sealed record SegmentAccount(string PartnerName, string ApiToken)
{
    // Records print their members; a token must never reach a log line through ToString.
    public override string ToString() => $"SegmentAccount {{ PartnerName = {PartnerName}, ApiToken = *** }}";
}

/// <summary>
/// One upload. The masked URLs are what the run's history shows: the file URL without its signature and
/// the callback URL without its secret.
/// </summary>
public sealed record SegmentSubmission(
    SegmentAccount Account,
    string SegmentName,
    string AttributeName,
    Uri FileUrl,
    Uri CallbackUrl,
    string MaskedFileUrl,
    string MaskedCallbackUrl);

public enum SegmentPresence
{
    Exists,
    Absent,
    Unknown,
}

/// <summary>
/// The segment's values were downloaded (<see cref="SegmentPresence.Exists"/>), it does not exist, or the download
/// failed: <see cref="Problem"/> says what happened, <see cref="Advice"/> what to do if the run stops for it (a run that
/// goes on without the download states the problem alone).
/// </summary>
public sealed record SegmentDownload(SegmentPresence Presence, long Bytes, Runs.FailureKind? Failure, string? Problem, string? Advice = null)
{
    /// <summary>The values were not downloaded; <see cref="Presence"/> still says whether the segment is known to exist.</summary>
    public bool Failed => Failure is not null;

    public static SegmentDownload Found(long bytes) => new(SegmentPresence.Exists, bytes, null, null);
    public static readonly SegmentDownload Absent = new(SegmentPresence.Absent, 0, null, null);

    /// <summary>Not even the look-up answered: whether the segment exists is not known.</summary>
    public static SegmentDownload Fail(Runs.FailureKind kind, string problem, string? advice = null) => new(SegmentPresence.Unknown, 0, kind, problem, advice);

    /// <summary>The look-up found the segment (it handed out a file), but its values could not be read.</summary>
    public static SegmentDownload Unreadable(Runs.FailureKind kind, string problem, string? advice = null) => new(SegmentPresence.Exists, 0, kind, problem, advice);

    /// <summary>The problem followed by its advice: the reason of a run that stops for the failed download.</summary>
    public string? StopReason => Advice is null ? Problem : $"{Problem} {Advice}";
}

/// <summary>Accepted, or refused with what happened and what to change; a refusal the engine acts on is typed.</summary>
public sealed record SubmissionOutcome(bool Accepted, Runs.FailureKind? Failure, string Message, SubmissionRefusal? Refusal = null)
{
    public static SubmissionOutcome Accept(string message) => new(true, null, message);
    public static SubmissionOutcome Refuse(Runs.FailureKind kind, string message, SubmissionRefusal? refusal = null) => new(false, kind, message, refusal);
}

/// <summary>Refusals of a submission the run engine decides on, as the plugin recognised them in the destination's answer.</summary>
public enum SubmissionRefusal
{
    /// <summary>A segment of that name exists that this token did not create through the API (or an earlier, unrecorded submission of this run did).</summary>
    SegmentNameTaken,
}

/// <summary>Receives every attempt of every call, already masked, for the run's history.</summary>
public interface ICallRecorder
{
    Task RecordAsync(Runs.RunCall call, CancellationToken cancellationToken);
}
