namespace Herald.Simulator.SnowflakeImport;

/// <summary>The outcome of one import of a share: per table what was accepted and rejected, or why nothing could be
/// read (the share not added to Insider One's account, a statement refused).</summary>
public sealed record ShareImportReport(
    ShareImportRequest Request,
    DateTimeOffset StartedAt,
    TableImport? Users,
    TableImport? Events,
    string? Failure);
