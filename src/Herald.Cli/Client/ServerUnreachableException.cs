namespace Herald.Cli.Client;

/// <summary>Nothing answered at the server URL: no server runs there, or it did not answer in time.</summary>
internal sealed class ServerUnreachableException(Uri serverUrl, string reason, Exception? inner = null)
    : Exception($"Cannot reach the Herald server at {serverUrl}: {reason}", inner)
{
    public Uri ServerUrl { get; } = serverUrl;
}
