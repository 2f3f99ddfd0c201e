using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Storage.Files;

/// <summary>
/// Published audience files on local disk (<c>files/served</c>), served by Herald's own <c>/files</c> endpoint behind
/// signed URLs. A file arrives by a move within the same disk, so it is whole or absent.
/// </summary>
public sealed class LocalFileHost : IFileHost
{
    public const string UrlPath = "/files/";

    private readonly string _servedDirectory;
    private readonly Func<Uri> _publicBaseUrl;
    private readonly UrlSigner _signer;

    /// <param name="root">The data directory's <c>files</c> folder (shared with <see cref="LocalRunWorkspace"/>, so publishing is a move).</param>
    /// <param name="publicBaseUrl">Asked at each use: the server's own address is known only once it listens.</param>
    public LocalFileHost(string root, Func<Uri> publicBaseUrl, UrlSigner signer)
    {
        _servedDirectory = Path.Combine(root, "served");
        Directory.CreateDirectory(_servedDirectory);
        _publicBaseUrl = publicBaseUrl;
        _signer = signer;
    }

    public Task<StagedFile> PublishAsync(string localPath, string fileName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var target = PathOf(fileName);
        File.Move(localPath, target, overwrite: true);
        return Task.FromResult(new StagedFile(fileName, new FileInfo(target).Length, expiresAt));
    }

    public Task<StagedFile?> FindPublishedAsync(string fileName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(fileName));
        return Task.FromResult(info.Exists ? new StagedFile(fileName, info.Length, expiresAt) : null);
    }

    public Task<bool> ExistsAsync(StagedFile file, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(file.FileName));
        return Task.FromResult(info.Exists && info.Length == file.Bytes);
    }

    public Uri CreateSignedUrl(StagedFile file)
    {
        var expires = file.ExpiresAt.ToUnixTimeSeconds();
        var signature = _signer.Sign(file.FileName, expires);
        return new Uri(_publicBaseUrl(), $"{UrlPath.TrimStart('/')}{file.FileName}?expires={expires}&signature={signature}");
    }

    public Task CopyToAsync(StagedFile file, string localPath, CancellationToken cancellationToken)
    {
        File.Copy(PathOf(file.FileName), localPath, overwrite: true);
        return Task.CompletedTask;
    }

    /// <summary>The served file for a URL's file name, or null when the name is not one Herald serves.</summary>
    public string? ResolveServedPath(string fileName)
    {
        if (!StagedFileNames.IsValid(fileName))
        {
            return null;
        }
        var path = Path.Combine(_servedDirectory, fileName);
        return File.Exists(path) ? path : null;
    }

    private string PathOf(string fileName) =>
        StagedFileNames.IsValid(fileName) ? Path.Combine(_servedDirectory, fileName)
            : throw new ArgumentException($"'{fileName}' is not the name of a run's file.", nameof(fileName));
}
