using Herald.Server.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Herald.Cli.Output;

/// <summary>Credentials, destinations and orchestrations as tables (lists) and field grids (one item). No secret is ever among the fields: the API returns none.</summary>
internal sealed class CatalogRenderer(CliContext context)
{
    private IAnsiConsole Console => context.Console;

    public void WriteUsers(IReadOnlyList<Herald.Application.Access.UserListing> users) =>
        WriteTable(users, "users", ["Name", "Policies", "Options", "Password", "Keys", "State"], user =>
            [user.Name, string.Join(", ", user.Policies),
             string.Join(", ", new[] { user.RestrictPii ? "PII restricted" : null, user.AllowSandboxAdministration ? "sandbox administration" : null }.OfType<string>()),
             user.HasPassword ? "set" : "none", user.Keys.Count(k => k.RevokedAt is null).ToString(System.Globalization.CultureInfo.InvariantCulture),
             user.Disabled ? "disabled" : "enabled"]);

    public void WriteApiKeys(IReadOnlyList<Herald.Application.Access.ApiKeyListing> keys) =>
        WriteTable(keys, "API keys", ["Id", "User", "Name", "Starts with", "Made", "Last used", "Revoked"], key =>
            [key.Id.ToString(), key.User, key.Name, key.Prefix, Format.Time(key.CreatedAt),
             key.LastUsedAt is { } used ? Format.Time(used) : "never", key.RevokedAt is { } revoked ? Format.Time(revoked) : ""]);

    public void WriteAudit(IReadOnlyList<Herald.Core.Access.AuditEntry> entries) =>
        WriteTable(entries, "audit entries", ["When", "Who", "Action", "What", "Subject", "Outcome", "Detail"], e =>
            [Format.Time(e.At), $"{e.Actor} ({e.Channel})", e.Action, e.Operation, e.Subject ?? "", e.Outcome, e.Detail ?? ""]);

    public void WriteCredentials(IReadOnlyList<CredentialView> credentials) =>
        WriteTable(credentials, "credentials", ["Name", "Plugin", "Partner", "Used by", "Description"], credential =>
            [credential.Name, credential.Plugin, credential.PartnerName, UsedBy(credential.UsedBy), credential.Description ?? ""]);

    public void WriteCredential(CredentialView credential) => WriteFields(
        ("Name", credential.Name),
        ("Id", credential.Id.ToString()),
        ("Plugin", credential.Plugin),
        ("Partner name", credential.PartnerName),
        ("API token", "(kept encrypted by the server; never shown)"),
        ("Used by", UsedBy(credential.UsedBy)),
        ("Description", credential.Description ?? ""),
        ("Created", Format.Time(credential.CreatedAt)),
        ("Updated", Format.Time(credential.UpdatedAt)),
        ("Handed over", credential.HandedOver is { } handedOver
            ? $"through a link {handedOver.RequestedBy} asked for on {Format.Time(handedOver.RequestedAt)}; used {Format.Time(handedOver.HandedOverAt)}"
            : "no (entered in Herald)"));

    public void WriteDestinations(IReadOnlyList<DestinationView> destinations) =>
        WriteTable(destinations, "destinations", ["Name", "Credential", "Segment", "Attribute", "Update", "Description"], destination =>
            [destination.Name, destination.CredentialName, destination.SegmentName, destination.AttributeName,
             destination.UpdateMode + (destination.AllowSplit ? ", split" : ""), destination.Description ?? ""]);

    public void WriteDestination(DestinationView destination) => WriteFields(
        ("Name", destination.Name),
        ("Id", destination.Id.ToString()),
        ("Credential", destination.CredentialName),
        ("Segment name", destination.SegmentName),
        ("Attribute", destination.AttributeName),
        ("Update mode", destination.UpdateMode == "add"
            ? "add: the segment keeps its members and gains the audience's new ones"
            : "replace: the segment becomes exactly the audience"),
        ("Large audiences", destination.AllowSplit
            ? "split into numbered segments when over Insider One's file limit"
            : "fail when over Insider One's file limit"),
        ("Shrink guard", destination.ShrinkGuardShare is { } share
            ? $"a replace removing more than {share * 100:0.#}% of the segment stops unless forced"
            : "the server's (Herald:InsiderOne:ShrinkGuardShare, 50% by default)"),
        ("Who may use it", (destination.AdminOnly ? "Operators and Administrators only (admin only)" : "everyone allowed to see PII") +
            (destination.PiiAllowed ? "; users with restricted PII access too (PII setting on)" : "")),
        ("Description", destination.Description ?? ""),
        ("Created", Format.Time(destination.CreatedAt)),
        ("Updated", Format.Time(destination.UpdatedAt)));

    public void WriteOrchestrations(IReadOnlyList<OrchestrationView> orchestrations) =>
        WriteTable(orchestrations, "orchestrations", ["Name", "Destination", "Allow empty", "Last run", "Description"], orchestration =>
            [orchestration.Name, orchestration.DestinationName, orchestration.AllowEmpty ? "yes" : "no", LastRun(orchestration.LastRun), orchestration.Description ?? ""]);

    public void WriteOrchestration(OrchestrationView orchestration) => WriteFields(
        ("Name", orchestration.Name),
        ("Id", orchestration.Id.ToString()),
        ("Destination", orchestration.DestinationName),
        orchestration.Segment is { } segment
            ? ("Sends", $"the saved segment {segment}, identified by {orchestration.IdentifierColumn}")
            : ("Query", orchestration.Query),
        ("Allow empty", orchestration.AllowEmpty ? "yes: an empty result is sent" : "no: an empty result fails the run"),
        ("Last run", LastRun(orchestration.LastRun)),
        ("Description", orchestration.Description ?? ""),
        ("Created", Format.Time(orchestration.CreatedAt)),
        ("Updated", Format.Time(orchestration.UpdatedAt)));

    public void WriteSegments(IReadOnlyList<SegmentView> segments) =>
        WriteTable(segments, "segments", ["Name", "Sent by", "Description"], segment => [segment.Name, UsedBy(segment.UsedBy), segment.Description ?? ""]);

    public void WriteSegment(SegmentView segment) => WriteFields(
        ("Name", segment.Name),
        ("Id", segment.Id.ToString()),
        ("SQL", segment.Sql),
        ("Sent by", UsedBy(segment.UsedBy)),
        ("Description", segment.Description ?? ""),
        ("Created", Format.Time(segment.CreatedAt)),
        ("Updated", Format.Time(segment.UpdatedAt)));

    public void WriteBridges(IReadOnlyList<BridgeView> bridges) =>
        WriteTable(bridges, "bridges", ["Name", "Target", "Where", "Tables", "Share"], bridge =>
            [bridge.Name, bridge.Target, Where(bridge), string.Join(", ", bridge.Tables.Select(t => t.Name + (t.CustomSql ? " (own SQL)" : ""))), bridge.ShareName ?? "-"]);

    public void WriteBridge(BridgeDetailsView details)
    {
        var bridge = details.Bridge;
        WriteFields(
            ("Name", bridge.Name),
            ("Id", bridge.Id.ToString()),
            ("Target", bridge.Target),
            ("Where", Where(bridge)),
            ("Credential", bridge.Credential ?? "-"),
            ("Tables", string.Join(", ", bridge.Tables.Select(t => t.Name + (t.CustomSql ? " (own SQL)" : " (shipped template)")))),
            ("Share", details.Share is { } share
                ? $"{share.Name}: {share.Grants.Count} grant(s), given to {(share.Accounts.Count == 0 ? "no account yet" : string.Join(", ", share.Accounts))}"
                : bridge.ShareName is null ? "none" : $"{bridge.ShareName} (not set up yet: sync first)"),
            ("Description", bridge.Description ?? ""),
            ("Created", Format.Time(bridge.CreatedAt)),
            ("Updated", Format.Time(bridge.UpdatedAt)));
        WriteTable(details.Syncs, "syncs", ["Started", "By", "State", "Rows per table", "Reason"], sync =>
            [Format.Time(sync.CreatedAt), sync.StartedBy, sync.State, string.Join("; ", sync.Tables.Select(t => $"{t.Table} {Format.Count(t.RowsInTable)}")), sync.Reason]);
    }

    /// <summary>A finished or running sync: its state and reason, what each table went through, and what to do next.</summary>
    public void WriteSync(SyncView sync)
    {
        context.WriteLine($"Sync {sync.Id} of bridge {sync.Bridge.Name}: {sync.State}. {sync.Reason}");
        foreach (var table in sync.Tables)
        {
            if (table.Rewritten)
            {
                context.WriteLine($"  {table.Table}: {Format.Count(table.RowsBuilt)} rows built, rewritten; {Format.Count(table.RowsInTable)} rows now");
            }
            else
            {
                context.WriteLine($"  {table.Table}: {Format.Count(table.RowsBuilt)} rows built; {Format.Count(table.Inserted)} inserted, {Format.Count(table.Updated)} updated, {Format.Count(table.Deleted)} deleted, {Format.Count(table.Unchanged)} unchanged; {Format.Count(table.RowsInTable)} rows now");
            }
        }
        if (sync.Share is { } share)
        {
            context.WriteLine($"  share {share.Name}: {string.Join(", ", share.Grants)}; given to {(share.Accounts.Count == 0 ? "no account yet" : string.Join(", ", share.Accounts))}");
        }
        if (sync.NextStep is { } next)
        {
            context.WriteLine($"Next: {next}");
        }
    }

    private static string Where(BridgeView bridge) =>
        bridge.Target == "folder" ? $"folder {bridge.Folder}" : $"{bridge.Database}.{bridge.Schema}";

    private void WriteTable<T>(IReadOnlyList<T> items, string what, string[] columns, Func<T, string[]> cells)
    {
        if (items.Count == 0)
        {
            context.WriteLine($"No {what} yet.");
            return;
        }
        var table = new Table().AddColumns(columns);
        foreach (var item in items)
        {
            table.AddRow(cells(item).Select(cell => (IRenderable)new Text(cell)));
        }
        Console.Write(table);
    }

    private void WriteFields(params (string Name, string Value)[] fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        }
        Console.Write(grid);
    }

    private static string UsedBy(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);

    private static string LastRun(RunSummary? run) =>
        run is null ? "never" : $"{run.State} {Format.Time(run.CreatedAt)} ({run.Id})";
}
