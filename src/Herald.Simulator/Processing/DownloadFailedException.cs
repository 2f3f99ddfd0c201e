namespace Herald.Simulator.Processing;

/// <summary>The file of an upload could not be fetched; the message is the reason recorded on the segment.</summary>
internal sealed class DownloadFailedException(string reason) : Exception(reason);
