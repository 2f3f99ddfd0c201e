namespace Herald.Simulator.SnowflakeImport;

/// <summary>One import of a share, as Insider One's Snowflake integration runs it: which share, where its tables are,
/// and whether only rows changed since the last import (by <c>updated_at</c>) are read.</summary>
/// <param name="ProviderAccount">The account that owns the share (<c>MYORG-HERALD</c> or <c>MYORG.HERALD</c>).</param>
/// <param name="Share">The share's name.</param>
/// <param name="Schema">The shared schema holding the tables.</param>
/// <param name="UsersTable">The user table's name as created (lowercase or uppercase).</param>
/// <param name="EventsTable">The event table's name as created.</param>
/// <param name="Incremental">Read only rows whose <c>updated_at</c> is later than the latest one the previous import of
/// this share saw; the first import reads everything.</param>
public sealed record ShareImportRequest(
    string ProviderAccount,
    string Share,
    string Schema = "PUBLIC",
    string UsersTable = "insider_users",
    string EventsTable = "insider_events",
    bool Incremental = false);
