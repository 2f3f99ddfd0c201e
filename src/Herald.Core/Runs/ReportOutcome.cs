namespace Herald.Core.Runs;

public enum ReportOutcome
{
    Recorded,
    RecordedLate,
    /// <summary>The run has not been submitted: this report cannot be about it.</summary>
    NotExpected,
    /// <summary>The run had its final state already: a duplicate callback changes nothing.</summary>
    AlreadyFinal,
}
