namespace Herald.Server.Web.Pages.Sandboxes;

/// <summary>Where a sandbox's page is: the one place that builds the address (the CLI's <c>herald sandbox open</c> builds the same).</summary>
internal static class SandboxPaths
{
    public static string Of(string name) => $"/sandboxes/{Uri.EscapeDataString(name)}";
}
