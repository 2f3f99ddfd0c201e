namespace Herald.Simulator.Processing;

/// <summary>The file being downloaded passed the size limit.</summary>
internal sealed class FileTooLargeException(long limitBytes)
    : Exception($"The file is larger than {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}
