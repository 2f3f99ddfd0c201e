namespace Herald.Simulator.Processing;

/// <summary>The file of an upload could not be fetched; the message is the reason recorded on the segment.</summary>
internal sealed class DownloadFailedException(string reason, bool transient = false) : Exception(reason)
{
    /// <summary>The file server could not be reached or failed (5xx): worth another try.</summary>
    public bool Transient { get; } = transient;
}
