using System.CommandLine;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald query preview (--query SQL | --query-file FILE) [--attribute-name NAME] [--rows N] [--json]</c>: the query's
/// first rows, read-only (query:preview). A user whose policy restricts personal data sees PII values as •••, with the
/// server's sentence saying why.
/// </summary>
internal static class QueryCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("query", "Queries over the customer 360");
        server.AddTo(command);
        var query = new QueryOptions();
        var attribute = new Option<string?>("--attribute-name") { Description = "Check the column against this Insider One attribute (email, phone_number, ...)", HelpName = "NAME" };
        var rows = new Option<int>("--rows") { Description = "At most this many rows (up to 1,000)", DefaultValueFactory = _ => 20, HelpName = "N" };
        var json = CommonOptions.Json("preview");
        var preview = new Command("preview", "Run a query read-only and show its first rows, which columns are PII, and the column check") { attribute, rows, json };
        query.AddTo(preview, required: true);
        preview.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var shown = await client.PreviewQueryAsync(
                new QueryPreviewRequest((await query.ReadAsync(parseResult, ct))!, parseResult.GetValue(attribute), parseResult.GetValue(rows)), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(shown);
            }
            else
            {
                new Output.PreviewRenderer(context).Write(shown);
            }
            return ExitCodes.Success;
        });
        command.Subcommands.Add(preview);
        return command;
    }
}
