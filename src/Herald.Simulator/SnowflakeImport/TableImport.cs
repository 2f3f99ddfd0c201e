namespace Herald.Simulator.SnowflakeImport;

/// <summary>What one import made of one table: rows read, accepted and rejected, the rejections by reason, the first
/// rejected rows by key, and the latest <c>updated_at</c> seen (where the next incremental import starts).</summary>
/// <param name="Failure">Why the whole table was refused (a required column missing, mixed-case names), or null.</param>
public sealed record TableImport(
    string Table,
    long Read,
    long Accepted,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    IReadOnlyList<RejectedRow> FirstRejections,
    string? Failure,
    DateTime? LatestUpdatedAt);

/// <summary>A row Insider One refused: its key (<c>uuid</c> for a user, <c>event_id</c> or <c>uuid</c> for an event)
/// and the reason.</summary>
public sealed record RejectedRow(string? Key, string Reason);
