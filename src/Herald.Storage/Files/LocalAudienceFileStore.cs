using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Storage.Files;

/// <summary>
/// Audience files on local disk, served by Herald's own <c>/files</c> endpoint behind signed URLs.
/// Files are built in a private folder and moved into the served one only when whole.
/// </summary>
public sealed class LocalAudienceFileStore : IAudienceFileStore
{
    public const string UrlPath = "/files/";

    private readonly string _buildingDirectory;
    private readonly string _servedDirectory;
    private readonly Func<Uri> _publicBaseUrl;
    private readonly UrlSigner _signer;

    /// <param name="publicBaseUrl">Asked at each use: the server's own address is known only once it listens.</param>
    public LocalAudienceFileStore(string root, Func<Uri> publicBaseUrl, UrlSigner signer)
    {
        _buildingDirectory = Path.Combine(root, "building");
        _servedDirectory = Path.Combine(root, "served");
        Directory.CreateDirectory(_buildingDirectory);
        Directory.CreateDirectory(_servedDirectory);
        _publicBaseUrl = publicBaseUrl;
        _signer = signer;
    }

    public string PrepareBuildPath(Guid runId)
    {
        var path = Path.Combine(_buildingDirectory, $"{runId:N}.csv.part");
        File.Delete(path);
        return path;
    }

    public string? FindBuiltFile(Guid runId)
    {
        var built = Path.Combine(_buildingDirectory, $"{runId:N}.csv.part");
        if (File.Exists(built))
        {
            return built;
        }
        var served = Path.Combine(_servedDirectory, FileNameOf(runId));
        return File.Exists(served) ? served : null;
    }

    public Task<StagedFile> PublishAsync(Guid runId, string builtPath, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Publish(FileNameOf(runId), builtPath, expiresAt);

    public string PrepareWorkDirectory(Guid runId)
    {
        var path = WorkDirectoryOf(runId);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        return path;
    }

    public void DeleteWork(Guid runId)
    {
        var path = WorkDirectoryOf(runId);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        File.Delete(Path.Combine(_buildingDirectory, $"{runId:N}.csv.part"));
    }

    public void DiscardUnpublished(Guid runId)
    {
        DeleteWork(runId);
        foreach (var part in Directory.EnumerateFiles(_buildingDirectory, $"{runId:N}-*.csv.part"))
        {
            File.Delete(part);
        }
    }

    public string PartBuildPath(Guid runId, int partNumber) => Path.Combine(_buildingDirectory, $"{runId:N}-{partNumber}.csv.part");

    public string? FindPartFile(Guid runId, int partNumber, int partCount)
    {
        var built = PartBuildPath(runId, partNumber);
        if (File.Exists(built))
        {
            return built;
        }
        var served = Path.Combine(_servedDirectory, PartFileNameOf(runId, partNumber, partCount));
        return File.Exists(served) ? served : null;
    }

    public Task<StagedFile> PublishPartAsync(Guid runId, int partNumber, int partCount, string builtPath, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Publish(PartFileNameOf(runId, partNumber, partCount), builtPath, expiresAt);

    public string PathOf(StagedFile file) => Path.Combine(_servedDirectory, file.FileName);

    private string WorkDirectoryOf(Guid runId) => Path.Combine(_buildingDirectory, $"{runId:N}.work");

    private Task<StagedFile> Publish(string fileName, string builtPath, DateTimeOffset expiresAt)
    {
        var target = Path.Combine(_servedDirectory, fileName);
        if (builtPath != target && File.Exists(builtPath))
        {
            File.Move(builtPath, target, overwrite: true);
        }
        else if (!File.Exists(target))
        {
            throw new FileNotFoundException("The built audience file is gone; the run must build it again.", fileName);
        }
        var bytes = new FileInfo(target).Length;
        return Task.FromResult(new StagedFile(fileName, bytes, expiresAt));
    }

    public bool Exists(StagedFile file)
    {
        var info = new FileInfo(Path.Combine(_servedDirectory, file.FileName));
        return info.Exists && info.Length == file.Bytes;
    }

    public Uri CreateSignedUrl(StagedFile file)
    {
        var expires = file.ExpiresAt.ToUnixTimeSeconds();
        var signature = _signer.Sign(file.FileName, expires);
        return new Uri(_publicBaseUrl(), $"{UrlPath.TrimStart('/')}{file.FileName}?expires={expires}&signature={signature}");
    }

    /// <summary>The served file for a URL's file name, or null when the name is not one Herald serves.</summary>
    public string? ResolveServedPath(string fileName)
    {
        if (!fileName.EndsWith(".csv", StringComparison.Ordinal) || fileName.Length < 36 || !Guid.TryParseExact(fileName[..32], "N", out _)
            || (fileName.Length > 36 && !IsPartSuffix(fileName[32..^4])))
        {
            return null;
        }
        var path = Path.Combine(_servedDirectory, fileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Deletes served files whose URLs have expired; nobody can download them any more.</summary>
    public int DeleteExpired(Func<string, DateTimeOffset?> expiryOf, DateTimeOffset now)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_servedDirectory, "*.csv"))
        {
            if (expiryOf(Path.GetFileName(path)) is { } expires && expires < now)
            {
                File.Delete(path);
                deleted++;
            }
        }
        return deleted;
    }

    public static string FileNameOf(Guid runId) => $"{runId:N}.csv";

    /// <summary>A part of a split audience, <c>{run}-{n}.csv</c>; a run's only part keeps the run's own name.</summary>
    public static string PartFileNameOf(Guid runId, int partNumber, int partCount) =>
        partCount == 1 ? FileNameOf(runId) : $"{runId:N}-{partNumber}.csv";

    // "-1" to "-99": a dash and one or two digits, nothing a path could hide behind.
    private static bool IsPartSuffix(string suffix) =>
        suffix.Length is 2 or 3 && suffix[0] == '-' && suffix[1..].All(char.IsAsciiDigit) && suffix[1] != '0';
}
