using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald bridge add|list|show|update|remove|sync</c>: the Insider One tables published to Snowflake (or a local folder) for Insider One to import.</summary>
internal static class BridgeCommands
{
    /// <summary>How often <c>bridge sync</c> asks for the sync's state while it waits.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("bridge", "Bridges: the insider_users and insider_events tables, published to Snowflake and shared with Insider One, or to a local folder");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "bridges", "List bridges", (client, ct) => client.ListBridgesAsync(ct), (render, all) => render.WriteBridges(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "bridge", "Show a bridge, its share and its last syncs", (client, name, ct) => client.GetBridgeAsync(name, ct), (render, one) => render.WriteBridge(one)));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "bridge", "Remove a bridge; its tables stay in Snowflake and its syncs in the history",
            (client, name, ct) => client.RemoveBridgeAsync(name, ct)));
        command.Subcommands.Add(Sync(context, server));
        command.Subcommands.Add(ScheduleCommands.Schedule(context, server, "bridge"));
        command.Subcommands.Add(ScheduleCommands.Pause(context, server, "bridge", pause: true));
        command.Subcommands.Add(ScheduleCommands.Pause(context, server, "bridge", pause: false));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("bridge");
        var target = new Option<string>("--target") { Description = "snowflake, or folder (Parquet files with a DuckDB file of views; needs no account)", Required = true, HelpName = "snowflake|folder" };
        target.AcceptOnlyFromAmong("snowflake", "folder");
        var credential = new Option<string?>("--credential") { Description = "The snowflake credential to publish with", HelpName = "NAME" };
        var database = new Option<string?>("--database") { Description = "The Snowflake database, such as HERALD", HelpName = "NAME" };
        var schema = new Option<string?>("--schema") { Description = "The Snowflake schema, such as PUBLIC", HelpName = "NAME" };
        var folder = new Option<string?>("--folder") { Description = "A folder name under the server's Herald:Bridges:FolderRoot", HelpName = "NAME" };
        var tables = new Option<string[]>("--table") { Description = "A table to publish with its shipped template (repeat for both)", HelpName = "insider_users|insider_events", AllowMultipleArgumentsPerToken = true };
        tables.AcceptOnlyFromAmong("insider_users", "insider_events");
        var sqlFiles = new Option<string[]>("--table-sql") { Description = "A table with your own SQL, read from a file: TABLE=FILE", HelpName = "TABLE=FILE" };
        var share = new Option<string?>("--share") { Description = "The share to create and grant the tables to, such as HERALD_INSIDER_ONE", HelpName = "NAME" };
        var consumer = new Option<string?>("--consumer-account") { Description = "Insider One's Snowflake account the share is given to, as ORG.ACCOUNT", HelpName = "ORG.ACCOUNT" };
        var description = CommonOptions.Description("bridge");
        var skipTest = new Option<bool>("--skip-connection-test") { Description = "Save without reaching the target first" };
        var command = new Command("add", "Add a bridge") { name, target, credential, database, schema, folder, tables, sqlFiles, share, consumer, description, skipTest };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var selected = await TablesAsync(parseResult, tables, sqlFiles, ct);
            if (selected.Count == 0)
            {
                throw new UsageException("Select at least one table: --table insider_users --table insider_events, or --table-sql TABLE=FILE.");
            }
            var added = await client.AddBridgeAsync(new BridgeInput(
                parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(target), parseResult.GetValue(credential), parseResult.GetValue(database),
                parseResult.GetValue(schema), parseResult.GetValue(folder), selected, parseResult.GetValue(share), parseResult.GetValue(consumer),
                parseResult.GetValue(description), parseResult.GetValue(skipTest)), ct);
            var where = added.Target == "folder" ? $"folder {added.Folder}" : $"{added.Database}.{added.Schema}";
            context.WriteLine($"Added bridge {added.Name}: {string.Join(", ", added.Tables.Select(t => t.Name))} to {where}{(added.ShareName is null ? "" : $", shared as {added.ShareName}")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("bridge");
        var credential = new Option<string?>("--credential") { Description = "Another snowflake credential to publish with", HelpName = "NAME" };
        var database = new Option<string?>("--database") { Description = "Another Snowflake database", HelpName = "NAME" };
        var schema = new Option<string?>("--schema") { Description = "Another Snowflake schema", HelpName = "NAME" };
        var folder = new Option<string?>("--folder") { Description = "Another folder name under Herald:Bridges:FolderRoot", HelpName = "NAME" };
        var tables = new Option<string[]>("--table") { Description = "The tables to publish with their shipped templates (replaces the selection)", HelpName = "insider_users|insider_events", AllowMultipleArgumentsPerToken = true };
        tables.AcceptOnlyFromAmong("insider_users", "insider_events");
        var sqlFiles = new Option<string[]>("--table-sql") { Description = "A table with your own SQL, read from a file: TABLE=FILE (replaces the selection)", HelpName = "TABLE=FILE" };
        var share = new Option<string?>("--share") { Description = "Another share name; \"\" for none", HelpName = "NAME" };
        var consumer = new Option<string?>("--consumer-account") { Description = "Insider One's account as ORG.ACCOUNT; \"\" for none", HelpName = "ORG.ACCOUNT" };
        var description = CommonOptions.Description("bridge");
        var skipTest = new Option<bool>("--skip-connection-test") { Description = "Save without reaching the target first" };
        var command = new Command("update", "Change a bridge: what is not given stays as it is") { name, credential, database, schema, folder, tables, sqlFiles, share, consumer, description, skipTest };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var selected = await TablesAsync(parseResult, tables, sqlFiles, ct);
            var changes = new BridgeInput(null, null, parseResult.GetValue(credential), parseResult.GetValue(database), parseResult.GetValue(schema),
                parseResult.GetValue(folder), selected.Count == 0 ? null : selected, parseResult.GetValue(share), parseResult.GetValue(consumer),
                parseResult.GetValue(description), parseResult.GetValue(skipTest));
            if (changes with { SkipConnectionTest = false } == new BridgeInput(null, null))
            {
                throw new UsageException("Nothing to update: give --credential, --database, --schema, --folder, --table, --table-sql, --share, --consumer-account or --description.");
            }
            var updated = await client.UpdateBridgeAsync(parseResult.GetRequiredValue(name), changes, ct);
            context.WriteLine($"Updated bridge {updated.Name}: {string.Join(", ", updated.Tables.Select(t => t.Name))}{(updated.ShareName is null ? "" : $", shared as {updated.ShareName}")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The tables named by <c>--table</c> (shipped templates) and <c>--table-sql TABLE=FILE</c> (the user's SQL).</summary>
    private static async Task<List<BridgeTableInput>> TablesAsync(ParseResult parseResult, Option<string[]> tables, Option<string[]> sqlFiles, CancellationToken ct)
    {
        var selected = (parseResult.GetValue(tables) ?? []).Select(t => new BridgeTableInput(t)).ToList();
        foreach (var pair in parseResult.GetValue(sqlFiles) ?? [])
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !File.Exists(parts[1]))
            {
                throw new UsageException($"--table-sql '{pair}': give TABLE=FILE with an existing file, such as insider_users=users.sql.");
            }
            selected.Add(new BridgeTableInput(parts[0], await File.ReadAllTextAsync(parts[1], ct)));
        }
        return selected;
    }

    private static Command Sync(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("bridge");
        var allowShrink = new Option<bool>("--allow-shrink") { Description = "Publish even when a table loses more than the shrink guard allows" };
        var noWait = new Option<bool>("--no-wait") { Description = "Queue the sync and return at once" };
        var json = CommonOptions.Json("sync");
        var command = new Command("sync", "Sync a bridge now: build the tables, load what changed, update the share") { name, allowShrink, noWait, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var sync = await client.SyncBridgeAsync(parseResult.GetRequiredValue(name), new SyncRequest(parseResult.GetValue(allowShrink)), ct);
            while (!parseResult.GetValue(noWait) && sync.State is not ("succeeded" or "failed"))
            {
                await Task.Delay(PollInterval, ct);
                sync = await client.GetSyncAsync(sync.Id, ct);
            }
            if (parseResult.GetValue(json))
            {
                context.WriteJson(sync);
            }
            else
            {
                new CatalogRenderer(context).WriteSync(sync);
            }
            return sync.State == "failed" ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }
}
