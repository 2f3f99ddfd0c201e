using System.CommandLine;
using System.Globalization;
using Herald.Core.Access;

namespace Herald.Cli.Commands;

/// <summary><c>herald audit list [--since] [--actor] [--action] [--outcome] [--limit] [--json]</c>: needs audit:read.</summary>
internal static class AuditCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("audit", "The audit log: every change, run started and refused attempt");
        server.AddTo(command);
        var since = new Option<string?>("--since") { Description = "Only entries since a time (2026-11-30T08:00Z) or for a duration back (24h, 7d)", HelpName = "WHEN" };
        var actor = new Option<string?>("--actor") { Description = "Only this user's entries", HelpName = "NAME" };
        var action = new Option<string?>("--action") { Description = "Only this action (credential:edit, run:start, ...)", HelpName = "ACTION" };
        var outcome = new Option<string?>("--outcome") { Description = "Only done, refused or forbidden", HelpName = "OUTCOME" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries, newest first", DefaultValueFactory = _ => 100, HelpName = "N" };
        var json = CommonOptions.Json("entries");
        var list = new Command("list", "List audit entries, newest first") { since, actor, action, outcome, limit, json };
        list.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var entries = await client.ListAuditAsync(new AuditQuery(Since(parseResult.GetValue(since)), parseResult.GetValue(actor),
                parseResult.GetValue(action), parseResult.GetValue(outcome), parseResult.GetValue(limit)), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(entries);
            }
            else
            {
                new Output.CatalogRenderer(context).WriteAudit(entries);
            }
            return ExitCodes.Success;
        });
        command.Subcommands.Add(list);
        return command;
    }

    private static DateTimeOffset? Since(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DurationParser.TryParse(text, out var back))
        {
            return DateTimeOffset.UtcNow - back;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new UsageException($"--since takes a time (2026-11-30T08:00Z) or a duration back (24h, 7d); '{text}' is neither.");
    }
}
