namespace Herald.Server.Web;

/// <summary>How the UI marks the runs it starts.</summary>
internal static class WebRuns
{
    /// <summary>The "started by" of runs started in the web UI (user accounts come with access control).</summary>
    public const string StartedBy = "web";

    public static readonly IReadOnlyList<int> SampleSizes = [10, 100];
}
