namespace Herald.Simulator;

/// <summary>One callback attempt: what was posted where, and the status received or the error met.</summary>
public sealed record SentCallback(
    string Url,
    string SegmentName,
    string Body,
    int Attempt,
    int? Status,
    string? Error,
    DateTimeOffset At)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
