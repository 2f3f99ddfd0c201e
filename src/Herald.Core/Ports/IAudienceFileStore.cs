using Herald.Core.Runs;

namespace Herald.Core.Ports;

/// <summary>Where audience files wait for Insider One to download them.</summary>
public interface IAudienceFileStore
{
    /// <summary>A private path the build step writes to; nothing is served from it.</summary>
    string PrepareBuildPath(Guid runId);

    /// <summary>
    /// The file the build step wrote for the run, or, when a restart came between publishing and recording
    /// it, the already published file; null when neither exists.
    /// </summary>
    string? FindBuiltFile(Guid runId);

    /// <summary>Moves the built file into the served area (atomically) and sets when its URL stops working.</summary>
    Task<StagedFile> PublishAsync(Guid runId, string builtPath, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A private folder for the run's scratch files (Insider One's copy of the segment, the engine's spill); empty when returned.</summary>
    string PrepareWorkDirectory(Guid runId);

    /// <summary>Deletes the run's scratch folder and its built audience file, once the parts to upload are written.</summary>
    void DeleteWork(Guid runId);

    /// <summary>Deletes every file of the run not yet served (scratch, built audience, built parts): the run ended before staging them.</summary>
    void DiscardUnpublished(Guid runId);

    /// <summary>The private path the comparing step writes a part's file to.</summary>
    string PartBuildPath(Guid runId, int partNumber);

    /// <summary>The part's built file, or its already published file after a restart; null when neither exists.</summary>
    string? FindPartFile(Guid runId, int partNumber, int partCount);

    /// <summary>
    /// Moves a part's built file into the served area (atomically); repeating it after a restart is harmless. The
    /// one part of a run is served under the run's own file name, as every run's file was before parts.
    /// </summary>
    Task<StagedFile> PublishPartAsync(Guid runId, int partNumber, int partCount, string builtPath, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>True when the staged file is still there and whole.</summary>
    bool Exists(StagedFile file);

    /// <summary>The URL Insider One downloads from: signed, and refused after <see cref="StagedFile.ExpiresAt"/>.</summary>
    Uri CreateSignedUrl(StagedFile file);

    /// <summary>The staged file on disk, for Herald's own checks (never served from this path).</summary>
    string PathOf(StagedFile file);
}
