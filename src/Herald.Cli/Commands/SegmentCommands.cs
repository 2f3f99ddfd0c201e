using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald segment add|update|list|show|preview|remove</c>: saved segments, named SQL returning amperity_id that
/// orchestrations send through a destination by choosing an identifier column (<c>herald orchestration add --segment</c>).
/// </summary>
internal static class SegmentCommands
{
    private const string SqlDescription = "The segment's SQL: one SELECT over the customer 360 returning one column, amperity_id";

    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("segment", "Saved segments: SQL returning amperity_id, sent by orchestrations through an identifier column (email, phone)");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "segments", "List saved segments and the orchestrations sending them",
            (client, ct) => client.ListSegmentsAsync(ct), (render, all) => render.WriteSegments(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "segment", "Show a saved segment",
            (client, name, ct) => client.GetSegmentAsync(name, ct), (render, one) => render.WriteSegment(one)));
        command.Subcommands.Add(Preview(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "segment", "Remove a saved segment (refused while an orchestration sends it)",
            (client, name, ct) => client.RemoveSegmentAsync(name, ct)));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("segment");
        var sql = new QueryOptions(SqlDescription);
        var description = CommonOptions.Description("segment");
        var command = new Command("add", "Add a saved segment; its SQL is checked against the customer 360") { name, description };
        sql.AddTo(command, required: true);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var added = await client.AddSegmentAsync(new SegmentInput(parseResult.GetRequiredValue(name), (await sql.ReadAsync(parseResult, ct))!, parseResult.GetValue(description)), ct);
            context.WriteLine($"Added segment {added.Name}. Preview it with: herald segment preview {added.Name}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("segment");
        var sql = new QueryOptions(SqlDescription);
        var description = CommonOptions.Description("segment");
        var command = new Command("update", "Change a saved segment; the orchestrations sending it send the new SQL from their next run") { name, description };
        sql.AddTo(command, required: false);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var update = new SegmentUpdate(await sql.ReadAsync(parseResult, ct), parseResult.GetValue(description));
            if (update is { Sql: null, Description: null })
            {
                throw new UsageException("Nothing to update: give --query, --query-file or --description.");
            }
            var updated = await client.UpdateSegmentAsync(parseResult.GetRequiredValue(name), update, ct);
            var sentBy = updated.UsedBy.Count == 0 ? "." : $"; sent from their next run by {string.Join(", ", updated.UsedBy)}.";
            context.WriteLine($"Updated segment {updated.Name}{sentBy}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Preview(CliContext context, ServerOptions server)
    {
        var name = new Argument<string?>("name") { Description = "The saved segment to preview; leave out to preview --query instead", Arity = ArgumentArity.ZeroOrOne };
        var sql = new QueryOptions(SqlDescription);
        var destination = new Option<string?>("--destination") { Description = "Judge identifier values by this destination's attribute rule", HelpName = "NAME" };
        var rows = new Option<int>("--rows") { Description = "How many members to show (at most 100)", DefaultValueFactory = _ => 10, HelpName = "N" };
        var json = CommonOptions.Json("preview");
        var command = new Command("preview", "A segment's size and, per identifier column, how many members have a usable value") { name, destination, rows, json };
        sql.AddTo(command, required: false);
        command.Validators.Add(result =>
        {
            var hasSql = result.GetResult(sql.Query) is not null || result.GetResult(sql.QueryFile) is not null;
            if (hasSql == (result.GetValue(name) is not null))
            {
                result.AddError("Name a saved segment, or give SQL with --query or --query-file: one of them.");
            }
        });
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var preview = await client.PreviewSegmentAsync(parseResult.GetValue(name),
                new SegmentPreviewRequest(await sql.ReadAsync(parseResult, ct), parseResult.GetValue(destination), parseResult.GetValue(rows)), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(preview);
            }
            else
            {
                new SegmentPreviewRenderer(context).Write(preview);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
