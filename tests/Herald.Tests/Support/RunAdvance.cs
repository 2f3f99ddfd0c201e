using Herald.Core.Audiences;
using Herald.Core.Runs;

namespace Herald.Tests.Support;

/// <summary>Moves a run through its transitions as the steps would, without doing their work: for tests that need a run at a given step.</summary>
internal static class RunAdvance
{
    /// <summary>Built and compared into one part (not compared with the destination's copy), then staged: the next step submits.</summary>
    public static Run Staged(this Run run, StagedFile file, DateTimeOffset now, long values = 1)
    {
        run.Compared(now, values);
        run.CompleteStaging([file], now);
        return run;
    }

    /// <summary>Built and compared into one part: the next step stages its file.</summary>
    public static Run Compared(this Run run, DateTimeOffset now, long values = 1)
    {
        run.StartBuilding(now);
        run.CompleteBuild(new AudienceCounts(values, values, 0, 0, new Dictionary<string, long>()), now);
        run.CompleteComparison(null, [new SegmentPart(1, run.Origin.SegmentName, null, values, null)], now);
        return run;
    }

    /// <summary>Staged, submitted and accepted: the next thing that happens is the destination's report.</summary>
    public static Run Accepted(this Run run, StagedFile file, DateTimeOffset now, DateTimeOffset reportDeadline, long values = 1)
    {
        run.Staged(file, now, values);
        run.BeginSubmission(1, now);
        run.AcceptSubmission(1, now, reportDeadline, "Accepted.");
        return run;
    }
}
