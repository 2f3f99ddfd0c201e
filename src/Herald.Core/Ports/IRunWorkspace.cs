namespace Herald.Core.Ports;

/// <summary>
/// The local disk where a run builds its files: the audience the source writes, the parts the comparison writes,
/// scratch files (Insider One's copy of a segment, the engine's spill). Private: nothing here is served; what is
/// published goes through <see cref="IFileHost"/>. Each instance has its own.
/// </summary>
public interface IRunWorkspace
{
    /// <summary>The path the build step writes the audience to; any earlier attempt's file is gone.</summary>
    string PrepareBuildPath(Guid runId);

    /// <summary>The audience the build step wrote; null when there is none (never built, or lost in a restart).</summary>
    string? FindBuiltFile(Guid runId);

    /// <summary>The path the comparing step writes a part's file to (parts are numbered from 1).</summary>
    string PartBuildPath(Guid runId, int partNumber);

    /// <summary>The part's built file; null when there is none (already published, or lost).</summary>
    string? FindPartFile(Guid runId, int partNumber);

    /// <summary>A private folder for the run's scratch files; empty when returned.</summary>
    string PrepareWorkDirectory(Guid runId);

    /// <summary>Deletes the run's scratch folder and its built audience, once the parts to upload are written.</summary>
    void DeleteWork(Guid runId);

    /// <summary>Deletes every file of the run (scratch, audience, parts): the run ended before publishing them.</summary>
    void DiscardUnpublished(Guid runId);
}
