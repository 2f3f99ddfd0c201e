using Herald.Core.Bridges;

namespace Herald.Application.UseCases;

/// <summary>
/// A bridge to add, or the changes to one (null keeps what is stored; an empty <see cref="ShareName"/> or
/// <see cref="ConsumerAccount"/> removes it).
/// </summary>
/// <param name="Target"><c>snowflake</c> or <c>folder</c>.</param>
/// <param name="Credential">The name or id of a credential of plugin <c>snowflake</c>; Snowflake only.</param>
/// <param name="Folder">A folder name (not a path) under <c>Herald:Bridges:FolderRoot</c>; folder only.</param>
/// <param name="Tables">The tables to publish; a null <see cref="BridgeTable.Sql"/> takes the shipped template.</param>
/// <param name="TestConnection">Reach the target before saving, and refuse to save when that fails.</param>
public sealed record BridgeDraft(
    string? Name,
    string? Target,
    string? Credential,
    string? Database,
    string? Schema,
    string? Folder,
    IReadOnlyList<BridgeTable>? Tables,
    string? ShareName,
    string? ConsumerAccount,
    string? Description,
    bool TestConnection = true);
