namespace Herald.Core.Bridges;

/// <summary>
/// Where Herald publishes the Insider One tables for Insider One's Snowflake integration to import (snowflake.md): a
/// Snowflake database and schema reached with a <c>snowflake</c> credential, optionally shared with Insider One's
/// account; or a local folder of Parquet files with a DuckDB file of views, which needs no account.
/// </summary>
/// <param name="Target">Snowflake, or a local folder.</param>
/// <param name="CredentialId">The <c>snowflake</c> credential; null for a folder.</param>
/// <param name="Database">The Snowflake database (an unquoted identifier, such as HERALD); null for a folder.</param>
/// <param name="Schema">The Snowflake schema within <paramref name="Database"/>; null for a folder.</param>
/// <param name="Folder">For a folder target, its name under <c>Herald:Bridges:FolderRoot</c>; null for Snowflake.</param>
/// <param name="Tables">The tables to publish, each once, with the shipped template or the user's own SQL.</param>
/// <param name="ShareName">The share to create and grant the tables to (Snowflake only); null for no share.</param>
/// <param name="ConsumerAccount">Insider One's account the share is given to, as <c>ORG.ACCOUNT</c>; null to share with no one yet.</param>
public sealed record Bridge(
    Guid Id,
    string Name,
    BridgeTargetKind Target,
    Guid? CredentialId,
    string? Database,
    string? Schema,
    string? Folder,
    IReadOnlyList<BridgeTable> Tables,
    string? ShareName,
    string? ConsumerAccount,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
