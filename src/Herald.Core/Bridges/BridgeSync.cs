namespace Herald.Core.Bridges;

/// <summary>
/// One sync of a bridge as an explicit state machine: queued, building (each table built and validated in the customer
/// 360), loading (each table loaded into the target and swapped in whole), sharing (the share and its grants), then
/// succeeded or failed. Each transition is one method that refuses a move from the wrong state and records when and
/// why. Building and loading accept being entered again, since a worker repeats a step after a crash.
/// </summary>
public sealed class BridgeSync
{
    private readonly List<BridgeSyncEvent> _history;
    private readonly List<BridgeTableCounts> _tables;

    public BridgeSync(Guid id, Bridge bridge, string startedBy, bool allowShrink, DateTimeOffset createdAt)
    {
        Id = id;
        BridgeId = bridge.Id;
        BridgeName = bridge.Name;
        StartedBy = startedBy;
        AllowShrink = allowShrink;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        State = BridgeSyncState.Queued;
        Reason = $"Queued by {startedBy} for bridge '{bridge.Name}'" + (allowShrink ? ", allowing the tables to shrink." : ".");
        _tables = [];
        _history = [new BridgeSyncEvent(createdAt, State, Reason)];
    }

    public BridgeSync(BridgeSyncSnapshot snapshot)
    {
        Id = snapshot.Id;
        BridgeId = snapshot.BridgeId;
        BridgeName = snapshot.BridgeName;
        StartedBy = snapshot.StartedBy;
        AllowShrink = snapshot.AllowShrink;
        CreatedAt = snapshot.CreatedAt;
        UpdatedAt = snapshot.UpdatedAt;
        State = snapshot.State;
        Reason = snapshot.Reason;
        Failure = snapshot.Failure;
        Share = snapshot.Share;
        FinishedAt = snapshot.FinishedAt;
        Version = snapshot.Version;
        _tables = [.. snapshot.Tables];
        _history = [.. snapshot.History];
    }

    public Guid Id { get; }
    public Guid BridgeId { get; }
    public string BridgeName { get; }
    public string StartedBy { get; }

    /// <summary>The person starting the sync passed the shrink guard on purpose.</summary>
    public bool AllowShrink { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public BridgeSyncState State { get; private set; }
    public string Reason { get; private set; }
    public SyncFailureKind? Failure { get; private set; }

    /// <summary>Per table: rows built once built, and what the load did once loaded.</summary>
    public IReadOnlyList<BridgeTableCounts> Tables => _tables;

    /// <summary>The share after the sharing step; null without a share or before it.</summary>
    public BridgeShareState? Share { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Optimistic concurrency: the store saves only over the version it loaded.</summary>
    public long Version { get; private set; }
    public IReadOnlyList<BridgeSyncEvent> History => _history;

    public bool IsFinal => State is BridgeSyncState.Succeeded or BridgeSyncState.Failed;

    public void MarkSaved(long version) => Version = version;

    public BridgeSyncSnapshot ToSnapshot() => new(Id, BridgeId, BridgeName, StartedBy, AllowShrink, CreatedAt, UpdatedAt, State, Reason,
        Failure, [.. _tables], Share, FinishedAt, [.. _history], Version);

    public void StartBuilding(int tables, DateTimeOffset now)
    {
        // Entered again after a crash from any unfinished state: every step is harmless to repeat.
        Require("start building", BridgeSyncState.Queued, BridgeSyncState.Building, BridgeSyncState.Loading, BridgeSyncState.Sharing);
        var again = State != BridgeSyncState.Queued;
        _tables.Clear();
        Move(BridgeSyncState.Building, (again ? "Taken up again after an interruption: " : "") + $"building and checking {tables} table(s) in the customer 360.", now);
    }

    /// <summary>A table was built and passed every check; its rows are counted.</summary>
    public void TableBuilt(string table, long rows, DateTimeOffset now)
    {
        Require("record a built table", BridgeSyncState.Building);
        _tables.RemoveAll(t => t.Table == table);
        _tables.Add(new BridgeTableCounts(table, rows, 0, 0, 0, 0, 0));
        Record(now, $"{table}: {rows:N0} rows built and checked.");
    }

    public void StartLoading(string target, DateTimeOffset now)
    {
        Require("start loading", BridgeSyncState.Building, BridgeSyncState.Loading);
        Move(BridgeSyncState.Loading, $"Every table checked; loading them into {target}, each swapped in whole.", now);
    }

    public void TableLoaded(BridgeTableCounts counts, DateTimeOffset now)
    {
        Require("record a loaded table", BridgeSyncState.Loading);
        var index = _tables.FindIndex(t => t.Table == counts.Table);
        if (index >= 0)
        {
            _tables[index] = counts;
        }
        else
        {
            _tables.Add(counts);
        }
        Record(now, counts.Rewritten
            ? $"{counts.Table}: rewritten with {counts.RowsInTable:N0} rows."
            : $"{counts.Table}: {counts.Inserted:N0} inserted, {counts.Updated:N0} updated, {counts.Deleted:N0} deleted, {counts.Unchanged:N0} unchanged; {counts.RowsInTable:N0} rows now.");
    }

    public void StartSharing(string shareName, DateTimeOffset now)
    {
        Require("start sharing", BridgeSyncState.Loading, BridgeSyncState.Sharing);
        Move(BridgeSyncState.Sharing, $"Every table loaded; setting up share {shareName} and its grants.", now);
    }

    public void Shared(BridgeShareState share, DateTimeOffset now)
    {
        Require("record the share", BridgeSyncState.Sharing);
        Share = share;
        Record(now, $"Share {share.Name}: {share.Grants.Count} grant(s), given to {(share.Accounts.Count == 0 ? "no account yet" : string.Join(", ", share.Accounts))}.");
    }

    public void Succeed(DateTimeOffset now)
    {
        Require("succeed", BridgeSyncState.Loading, BridgeSyncState.Sharing);
        FinishedAt = now;
        var rows = string.Join("; ", _tables.Select(t => $"{t.Table} {t.RowsInTable:N0} rows"));
        Move(BridgeSyncState.Succeeded, $"Synced: {rows}" + (Share is null ? "." : $"; shared as {Share.Name}."), now);
    }

    /// <param name="reason">What happened and what was left in place (the previous version of a table that failed).</param>
    public void Fail(SyncFailureKind kind, string reason, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw new InvalidOperationException($"Sync {Id} is {State.ToString().ToLowerInvariant()} already; it cannot fail now.");
        }
        Failure = kind;
        FinishedAt = now;
        Move(BridgeSyncState.Failed, reason, now);
    }

    private void Require(string action, params BridgeSyncState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new InvalidOperationException($"Sync {Id} cannot {action} while {State.ToString().ToLowerInvariant()}.");
        }
    }

    private void Move(BridgeSyncState state, string reason, DateTimeOffset now)
    {
        State = state;
        Reason = reason;
        Record(now, reason);
    }

    private void Record(DateTimeOffset now, string reason)
    {
        UpdatedAt = now;
        _history.Add(new BridgeSyncEvent(now, State, reason));
    }
}
