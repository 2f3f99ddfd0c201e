namespace Herald.Server.Web;

/// <summary>The choices the UI offers when it starts runs.</summary>
internal static class WebRuns
{
    public static readonly IReadOnlyList<int> SampleSizes = [10, 100];
}
