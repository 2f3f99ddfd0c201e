using Herald.Core.Runs;

namespace Herald.Core.Ports;

/// <summary>
/// Where audience files are published for the destination to download, behind URLs that are signed and expire:
/// Herald's own <c>/files</c> endpoint over local disk now, an S3-compatible bucket later. Publishing under a name
/// that is published already replaces it, so repeating a step after a crash is harmless.
/// </summary>
public interface IFileHost
{
    /// <summary>
    /// Publishes the local file under <paramref name="fileName"/> (<see cref="StagedFileNames"/>) whole or not at all;
    /// the local file is gone afterwards. Its URL stops working at <paramref name="expiresAt"/>.
    /// </summary>
    Task<StagedFile> PublishAsync(string localPath, string fileName, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A file published under that name before a restart, now valid until <paramref name="expiresAt"/>; null when there is none.</summary>
    Task<StagedFile?> FindPublishedAsync(string fileName, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>True when the published file is still there and whole.</summary>
    Task<bool> ExistsAsync(StagedFile file, CancellationToken cancellationToken);

    /// <summary>The URL the destination downloads from: signed, and refused after <see cref="StagedFile.ExpiresAt"/>.</summary>
    Uri CreateSignedUrl(StagedFile file);

    /// <summary>Copies the published file to a local path, for Herald's own checks.</summary>
    Task CopyToAsync(StagedFile file, string localPath, CancellationToken cancellationToken);
}
