namespace Herald.Core.Runs;

public enum ReportOutcome
{
    Recorded,
    RecordedLate,
    /// <summary>The run has not been submitted: this report cannot be about it.</summary>
    NotExpected,
    /// <summary>The run had its final state already: a duplicate callback changes nothing.</summary>
    AlreadyFinal,
    /// <summary>This part's report was recorded already: a duplicate callback changes nothing.</summary>
    Duplicate,
    /// <summary>A second report on a part that differs from the first: noted in the history, the first stands.</summary>
    Conflicting,
    /// <summary>The report names a segment this run did not upload.</summary>
    UnknownSegment,
    /// <summary>The report's counts cannot be true of what the run sent; nothing was recorded but a note.</summary>
    Impossible,
}
