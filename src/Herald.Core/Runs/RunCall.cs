namespace Herald.Core.Runs;

/// <summary>
/// One request to Insider One and its answer, kept in the run's history. Built with secrets already
/// masked: the token never reaches this record, URLs have their signatures and secrets replaced.
/// </summary>
public sealed record RunCall(
    DateTimeOffset At,
    string Operation,
    int Attempt,
    string Request,
    int? Status,
    string? Response,
    long DurationMs,
    string Outcome)
{
    /// <summary>
    /// The start of the outcome of an answer Herald expected although its status is an error (a segment not found before
    /// its first upload): shown as expected, never as a failure.
    /// </summary>
    public const string ExpectedPrefix = "expected: ";

    /// <summary>Whether the answer was one Herald expected (see <see cref="ExpectedPrefix"/>).</summary>
    public bool IsExpected => Outcome.StartsWith(ExpectedPrefix, StringComparison.Ordinal);
}
