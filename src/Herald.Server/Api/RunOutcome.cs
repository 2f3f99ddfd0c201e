namespace Herald.Server.Api;

/// <summary>
/// What a finished run did to the segment in Insider One, said the same way on the run page and in the CLI, so that
/// neither lets a planned difference read as an applied one.
/// </summary>
public static class RunOutcome
{
    /// <summary>How many of the run's segments Insider One took: their submission was accepted or reported on.</summary>
    public static int PartsUploaded(RunView run) =>
        run.Parts?.Count(p => p.SubmittedAt is not null || p.Report is not null) ?? 0;

    /// <summary>
    /// A sentence when a finished run left Insider One's segment (or some of its parts) as it was; null when the run
    /// is still going or uploaded everything it planned.
    /// </summary>
    public static string? SegmentLeftUnchanged(RunView run)
    {
        if (!run.IsFinal)
        {
            return null;
        }
        var uploaded = PartsUploaded(run);
        var parts = run.Parts?.Count ?? 0;
        if (uploaded == 0)
        {
            return $"Nothing was uploaded: the segment \u201c{run.SegmentName}\u201d in Insider One was left unchanged.";
        }
        return uploaded < parts
            ? $"Only {uploaded} of {parts} parts were uploaded; the segments of the other parts in Insider One were left unchanged."
            : null;
    }
}
