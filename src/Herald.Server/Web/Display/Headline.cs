using Herald.Server.Api;

namespace Herald.Server.Web.Display;

/// <summary>
/// The first sentence of a failed run's page, written for the person reading it; the reason Herald recorded (with
/// Insider One's own words, status codes and settings) is folded under it. Runs that did not fail already read
/// plainly and have no headline of their own.
/// </summary>
internal static class Headline
{
    /// <summary>The plain sentence for a failed run, by its failure kind; null for a run that did not fail.</summary>
    public static string? For(RunView run) => run.State != "failed" ? null : run.Failure switch
    {
        "credential" => "Insider One did not accept the credential, so the audience was not sent.",
        "destination" => "Insider One did not accept the segment, so the audience was not sent.",
        "audience" => "The query's result could not be sent as an audience.",
        "shrink_guard" => "Herald stopped before uploading: the update would have removed too much of the segment.",
        "transient" => "Insider One could not be reached, so the run stopped.",
        "report_timeout" => "Insider One took the segment but did not report back in time.",
        _ => "Herald could not finish the run.",
    };
}
