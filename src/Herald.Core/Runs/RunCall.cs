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
    string Outcome);
