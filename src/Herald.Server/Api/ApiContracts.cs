using System.Text.Json.Serialization;

namespace Herald.Server.Api;

// The REST API's messages. The CLI and the web UI speak these too, so they are the one definition of
// what Herald's API carries. Secrets travel in (apiToken) but never out.

/// <summary>
/// Every error answer of the API and of the callback and file endpoints: problem details (RFC 9457, which replaced
/// RFC 7807), sent as <c>application/problem+json</c>. <see cref="Detail"/> says what went wrong and what to change;
/// <see cref="Errors"/>, when present, lists the problems one per line (a form's fields).
/// </summary>
/// <param name="Type">A URI naming the kind of problem (the HTTP status's section of RFC 9110 unless more specific).</param>
/// <param name="Title">The status's short name ("Bad Request").</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">The sentence for a person: what happened and what to change.</param>
/// <param name="Errors">The problems to fix, one per line; null when there is one problem, said by <paramref name="Detail"/>.</param>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, IReadOnlyList<string>? Errors = null)
{
    /// <summary>What to show a person: the detail, or the title when a problem carries no detail.</summary>
    public string Message => Detail ?? Title ?? "";
}

/// <summary>
/// Insider One's callback body for a submitted segment (insider-one.md section 3): the segment's name and its counts.
/// Documented for the API reference; the callback endpoint reads it within Herald:Api:MaxCallbackBytes.
/// </summary>
public sealed record InsiderOneReportBody(
    [property: JsonPropertyName("segment_name")] string SegmentName,
    [property: JsonPropertyName("valid_values_count")] long ValidValuesCount,
    [property: JsonPropertyName("invalid_values_count")] long InvalidValuesCount,
    [property: JsonPropertyName("total_entered_values")] long TotalEnteredValues);

/// <param name="Settings">Another plugin's settings (snowflake: accountIdentifier, user, role, warehouse); null for Insider One's partner name.</param>
/// <param name="Secrets">Another plugin's secrets by name (snowflake: private-key, private-key-passphrase); null for Insider One's token.</param>
public sealed record CredentialInput(string Name, string? Plugin, string? PartnerName, string? ApiToken, string? Description,
    System.Text.Json.Nodes.JsonObject? Settings = null, IReadOnlyDictionary<string, string>? Secrets = null)
{
    // Records print their members; secrets must never reach a log line or an error through ToString.
    public override string ToString() => $"CredentialInput {{ Name = {Name}, Plugin = {Plugin}, secrets withheld }}";
}

/// <summary>Every field optional: what is null stays as it is. A new token rotates the secret.</summary>
public sealed record CredentialUpdate(string? PartnerName, string? ApiToken, string? Description);

public sealed record CredentialView(
    Guid Id,
    string Name,
    string Plugin,
    string PartnerName,
    string? Description,
    IReadOnlyList<string> UsedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CredentialHandoverView? HandedOver = null);

/// <summary>An orchestration to add: a <c>query</c>, or a saved <c>segment</c> with the <c>identifierColumn</c> of the identity table to send (such as email).</summary>
public sealed record OrchestrationInput(
    string Name, string Destination, string? Query, bool AllowEmpty = false, string? Description = null, string? Segment = null, string? IdentifierColumn = null);

/// <summary>Changes to an orchestration; what is null stays. A <c>query</c> makes it send that query; a <c>segment</c> (with <c>identifierColumn</c>) that segment.</summary>
public sealed record OrchestrationUpdate(
    string? Destination, string? Query, bool? AllowEmpty, string? Description, string? Segment = null, string? IdentifierColumn = null);

public sealed record OrchestrationView(
    Guid Id,
    string Name,
    Guid DestinationId,
    string DestinationName,
    string Query,
    bool AllowEmpty,
    string? Description,
    RunSummary? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Segment = null,
    string? IdentifierColumn = null);

/// <summary>
/// Starts a run of an orchestration. <c>AllowEmpty</c> null keeps the orchestration's setting; <c>Force</c> passes
/// the shrink guard (a replace that removes much of the segment). Who started the run is the caller, never a field.
/// </summary>
public sealed record RunRequest(bool? AllowEmpty = null, bool Force = false);

/// <summary>An ad-hoc send of a query to a destination, optionally to another segment name (a test send).</summary>
public sealed record SendRequest(
    string Destination,
    string Query,
    bool AllowEmpty = false,
    string? SegmentName = null,
    int? SampleSize = null,
    bool Force = false);

/// <summary>A query to preview; <c>destination</c> (name or id) checks its column against that destination's attribute and its values against the attribute's rule.</summary>
/// <summary>
/// What the build step saw: <c>rowsQueried = valuesSent + emptyValues + duplicateValues + sum(setAside)</c>.
/// <c>normalized</c> counts rows Herald rewrote before sending (phone punctuation, whole numbers, midnight
/// timestamps), by kind; they are among the rows above, not in addition to them.
/// <c>valuesSent</c> is what the build planned to send; <c>valuesUploaded</c> is what reached Insider One
/// (the values of the segments whose submission Insider One accepted): 0 when a run stopped before uploading.
/// </summary>
public sealed record RunCountsView(
    long RowsQueried,
    long ValuesSent,
    long EmptyValues,
    long DuplicateValues,
    IReadOnlyDictionary<string, long> SetAside,
    IReadOnlyDictionary<string, long>? Normalized = null,
    long ValuesUploaded = 0);

public sealed record RunReportView(long Valid, long Invalid, long Total, DateTimeOffset ReceivedAt, bool Late);

public sealed record RunFileView(long Bytes, DateTimeOffset ExpiresAt);

/// <summary>
/// How the run changes the segment against what Insider One held before it. The values themselves are personal
/// data: they are in the diff sample (<c>GET /api/runs/{id}/diff-sample</c>), not here.
/// The difference is what the run planned; <c>applied</c> says whether it reached Insider One (every part uploaded).
/// </summary>
public sealed record RunDiffView(
    long Added,
    long Removed,
    long Kept,
    string Mode,
    bool Forced,
    IReadOnlyList<string> SegmentsBefore,
    IReadOnlyList<string> SegmentsLeftBehind,
    bool SampleAvailable,
    bool Applied = false);

/// <summary>One segment the run uploads: the only one, or a numbered part of a split audience.</summary>
public sealed record RunPartView(
    int Number,
    string SegmentName,
    long Values,
    long? Bytes,
    RunPartDiffView? Diff,
    DateTimeOffset? SubmittedAt,
    RunReportView? Report);

public sealed record RunPartDiffView(long Added, long Removed, long Kept);

/// <summary>Up to 100 values of each kind of change. Personal data: any API key holder can read it until access control comes.</summary>
/// <param name="Redacted">Why every value shows as ••• (a PII audience, and the caller's policy restricts personal data), or null.</param>
public sealed record DiffSampleView(Guid RunId, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Kept, string? Redacted = null);

public sealed record RunEventView(DateTimeOffset At, string State, string Reason);

public sealed record RunCallView(
    DateTimeOffset At,
    string Operation,
    int Attempt,
    string Request,
    int? Status,
    string? Response,
    long DurationMs,
    string Outcome,
    bool Expected = false);

public sealed record NamedRef(Guid Id, string Name);

/// <summary>A run in a list; <c>testSampleSize</c> marks a test send (that many values at most, to a segment of its own), null for a real run.</summary>
public sealed record RunSummary(
    Guid Id,
    string State,
    string Reason,
    string? Failure,
    NamedRef Destination,
    NamedRef? Orchestration,
    string SegmentName,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    RunCountsView? Counts,
    RunReportView? Report,
    RunDiffView? Diff = null,
    int? TestSampleSize = null,
    string? Sandbox = null,
    string? OrchestrationName = null);

public sealed record RunView(
    Guid Id,
    string State,
    string Reason,
    string? Failure,
    [property: JsonPropertyName("nextStep")] string? NextStep,
    NamedRef Destination,
    NamedRef? Orchestration,
    string Query,
    string SegmentName,
    string AttributeName,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    RunCountsView? Counts,
    RunFileView? File,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ReportDeadline,
    RunReportView? Report,
    IReadOnlyList<RunEventView> History,
    IReadOnlyList<RunCallView> Calls,
    RunDiffView? Diff = null,
    IReadOnlyList<RunPartView>? Parts = null,
    string? UpdateMode = null,
    int? TestSampleSize = null,
    string? Sandbox = null,
    string? OrchestrationName = null)
{
    /// <summary>Whether the run is a test send (<see cref="TestSampleSize"/> values at most, to a segment of its own).</summary>
    public bool IsTest => TestSampleSize is not null;

    public bool IsFinal => State is "succeeded" or "failed" or "cancelled";
}
