namespace Herald.Server.Api;

/// <summary>A table of a bridge as the API takes and shows it: its name, and the user's own SQL or null for the shipped template.</summary>
public sealed record BridgeTableInput(string Name, string? Sql = null);

/// <summary>A bridge to add (POST /api/bridges), or the changes to one (PUT; null keeps, "" removes a share or account).</summary>
/// <param name="Target"><c>folder</c> or <c>snowflake</c>.</param>
/// <param name="Folder">A folder name under Herald:Bridges:FolderRoot (folder target).</param>
public sealed record BridgeInput(
    string? Name,
    string? Target,
    string? Credential = null,
    string? Database = null,
    string? Schema = null,
    string? Folder = null,
    IReadOnlyList<BridgeTableInput>? Tables = null,
    string? ShareName = null,
    string? ConsumerAccount = null,
    string? Description = null,
    bool SkipConnectionTest = false);

/// <summary>Starting a sync (POST /api/bridges/{name}/syncs).</summary>
/// <param name="AllowShrink">Pass the shrink guard: the tables may lose more than half their rows.</param>
public sealed record SyncRequest(bool AllowShrink = false);

public sealed record BridgeTableView(string Name, bool CustomSql, string? Sql);

public sealed record BridgeView(
    Guid Id,
    string Name,
    string Target,
    string? Credential,
    string? Database,
    string? Schema,
    string? Folder,
    IReadOnlyList<BridgeTableView> Tables,
    string? ShareName,
    string? ConsumerAccount,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record BridgeTableCountsView(string Table, long RowsBuilt, long Inserted, long Updated, long Deleted, long Unchanged, long RowsInTable, bool Rewritten);

public sealed record BridgeShareView(string Name, IReadOnlyList<string> Accounts, IReadOnlyList<string> Grants);

public sealed record SyncEventView(DateTimeOffset At, string State, string Reason);

/// <summary>A sync: its state and the reason, counts per table, the share, and what to do next when it failed.</summary>
public sealed record SyncView(
    Guid Id,
    NamedRef Bridge,
    string State,
    string Reason,
    string? Failure,
    string? NextStep,
    string StartedBy,
    bool AllowShrink,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<BridgeTableCountsView> Tables,
    BridgeShareView? Share,
    IReadOnlyList<SyncEventView>? History);

/// <summary>A bridge with its newest syncs and the share's state as the last sync that set it up reported it.</summary>
public sealed record BridgeDetailsView(BridgeView Bridge, IReadOnlyList<SyncView> Syncs, BridgeShareView? Share);
