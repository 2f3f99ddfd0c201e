using Herald.Application.UseCases;
using Herald.Core.Bridges;

namespace Herald.Server.Api;

/// <summary>Bridges and syncs as the API shows them; the edges' advice on a failed sync comes from its kind.</summary>
internal static class BridgeViews
{
    public static BridgeView ToView(this Bridge bridge, string? credentialName) => new(
        bridge.Id, bridge.Name, bridge.Target.ToString().ToLowerInvariant(), credentialName, bridge.Database, bridge.Schema, bridge.Folder,
        [.. bridge.Tables.Select(t => new BridgeTableView(t.Name, t.Sql is not null, t.Sql))],
        bridge.ShareName, bridge.ConsumerAccount, bridge.Description, bridge.CreatedAt, bridge.UpdatedAt);

    public static SyncView ToView(this BridgeSync sync, bool withHistory) => new(
        sync.Id, new NamedRef(sync.BridgeId, sync.BridgeName), sync.State.ToString().ToLowerInvariant(), sync.Reason,
        sync.Failure?.ToString().ToLowerInvariant(), sync.Failure?.Remedy(), sync.StartedBy, sync.AllowShrink, sync.CreatedAt, sync.FinishedAt,
        [.. sync.Tables.Select(t => new BridgeTableCountsView(t.Table, t.RowsBuilt, t.Inserted, t.Updated, t.Deleted, t.Unchanged, t.RowsInTable, t.Rewritten))],
        sync.Share?.ToView(),
        withHistory ? [.. sync.History.Select(e => new SyncEventView(e.At, e.State.ToString().ToLowerInvariant(), e.Reason))] : null);

    public static BridgeShareView ToView(this BridgeShareState share) => new(share.Name, share.Accounts, share.Grants);

    public static BridgeDetailsView ToView(this BridgeDetails details) => new(
        details.Bridge.ToView(details.CredentialName), [.. details.Syncs.Select(s => s.ToView(withHistory: false))], details.Share?.ToView());

    public static BridgeDraft ToDraft(this BridgeInput input) => new(
        input.Name, input.Target, input.Credential, input.Database, input.Schema, input.Folder,
        input.Tables?.Select(t => new BridgeTable(t.Name ?? "", t.Sql)).ToList(), input.ShareName, input.ConsumerAccount, input.Description,
        !input.SkipConnectionTest);
}
