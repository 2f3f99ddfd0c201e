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

    /// <summary>True when the staged file is still there and whole.</summary>
    bool Exists(StagedFile file);

    /// <summary>The URL Insider One downloads from: signed, and refused after <see cref="StagedFile.ExpiresAt"/>.</summary>
    Uri CreateSignedUrl(StagedFile file);
}
