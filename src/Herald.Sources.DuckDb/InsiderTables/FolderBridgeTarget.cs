using System.Text.RegularExpressions;
using Herald.Core.Audiences;
using Herald.Core.Bridges;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// A bridge to a folder on the server: each table rewritten whole as Parquet by <see cref="ParquetFolderPublisher"/>,
/// with a DuckDB file of views. A bridge names its folder, never a path: the folder is always a child of
/// <paramref name="folderRoot"/> (<c>Herald:Bridges:FolderRoot</c>), so no request can make Herald write elsewhere.
/// </summary>
/// <param name="folderRoot">An absolute path, created when missing.</param>
public sealed partial class FolderBridgeTarget(DuckDbSourceOptions options, string folderRoot) : IBridgeTarget
{
    private readonly ParquetFolderPublisher publisher = new(options);

    public BridgeTargetKind Kind => BridgeTargetKind.Folder;

    /// <summary>Where the bridge's files are.</summary>
    public string PathOf(Bridge bridge) => Path.Combine(folderRoot, bridge.Folder ?? "");

    public Task<IReadOnlyList<FieldProblem>> CheckAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (!FolderName().IsMatch(bridge.Folder ?? ""))
        {
            problems.Add(new FieldProblem("Folder", $"Folder '{bridge.Folder}': give a name (not a path) of letters, digits, '-', '_' and '.', starting with a letter or digit, up to 100 characters; the files go under the server's bridge folder."));
        }
        if (bridge.CredentialId is not null || bridge.Database is not null || bridge.Schema is not null || bridge.ShareName is not null || bridge.ConsumerAccount is not null)
        {
            problems.Add(new FieldProblem("Target", "A folder bridge takes no credential, database, schema or share; leave them out, or choose the snowflake target."));
        }
        return Task.FromResult<IReadOnlyList<FieldProblem>>(problems);
    }

    public Task<ConnectionCheck> TestAsync(Bridge bridge, CancellationToken cancellationToken)
    {
        try
        {
            var folder = PathOf(bridge);
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".herald-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return Task.FromResult(new ConnectionCheck(true, null, $"Herald can write the bridge's folder '{bridge.Folder}'."));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(new ConnectionCheck(false, FailureKind.Destination,
                $"Herald cannot write the bridge's folder '{bridge.Folder}' ({failure.GetType().Name}); check Herald:Bridges:FolderRoot and its permissions."));
        }
    }

    public async Task<BridgeTableCounts> PublishAsync(Bridge bridge, BridgeTable table, InsiderTableShape shape, bool allowShrink, CancellationToken cancellationToken)
    {
        try
        {
            var publication = await publisher.PublishAsync(PathOf(bridge), [DuckDbInsiderTables.TemplateOf(table)], cancellationToken);
            var rows = publication.Rows[table.Name];
            return new BridgeTableCounts(table.Name, rows, rows, 0, 0, 0, rows, Rewritten: true);
        }
        catch (AudienceRejectedException rejected)
        {
            throw new BridgeTargetException(SyncFailureKind.Table, $"{table.Name}: {rejected.Message} The previous file is still in place.", rejected);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new BridgeTargetException(SyncFailureKind.Internal,
                $"{table.Name} could not be written to the bridge's folder '{bridge.Folder}' ({failure.GetType().Name}); the previous file is still in place.", failure);
        }
    }

    public Task<BridgeShareState?> ShareAsync(Bridge bridge, IReadOnlyList<InsiderTableShape> tables, CancellationToken cancellationToken) =>
        Task.FromResult<BridgeShareState?>(null);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex FolderName();
}
