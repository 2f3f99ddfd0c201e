using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald orchestration add|list|show|update|remove|run|test-send|schedule|pause|resume</c>: a saved query (or a saved segment) bound to a destination.</summary>
internal static class OrchestrationCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("orchestration", "Orchestrations: a saved query sent to a destination, run by hand or on a schedule");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "orchestrations", "List orchestrations with their last run", (client, ct) => client.ListOrchestrationsAsync(ct), (render, all) => render.WriteOrchestrations(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "orchestration", "Show an orchestration and its last run", (client, name, ct) => client.GetOrchestrationAsync(name, ct), (render, one) => render.WriteOrchestration(one)));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "orchestration", "Remove an orchestration (its runs stay in the history)", (client, name, ct) => client.RemoveOrchestrationAsync(name, ct)));
        command.Subcommands.Add(Run(context, server));
        command.Subcommands.Add(TestSend(context, server));
        command.Subcommands.Add(ScheduleCommands.Schedule(context, server, "orchestration"));
        command.Subcommands.Add(ScheduleCommands.Pause(context, server, "orchestration", pause: true));
        command.Subcommands.Add(ScheduleCommands.Pause(context, server, "orchestration", pause: false));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("orchestration");
        var destination = new Option<string>("--destination") { Description = "The destination to send to", Required = true, HelpName = "NAME" };
        var query = new QueryOptions();
        var allowEmpty = CommonOptions.AllowEmpty();
        var description = CommonOptions.Description("orchestration");
        var (segment, identifierColumn) = SegmentOptions();
        var command = new Command("add", "Add an orchestration: a query, or a saved segment with the identifier column to send")
        {
            name, destination, allowEmpty, description, segment, identifierColumn,
        };
        query.AddTo(command, required: false);
        command.Validators.Add(result =>
        {
            var hasQuery = result.GetResult(query.Query) is not null || result.GetResult(query.QueryFile) is not null;
            var hasSegment = result.GetResult(segment) is not null;
            if (hasQuery == hasSegment)
            {
                result.AddError("Give the query (--query SQL or --query-file FILE) or a saved segment (--segment NAME --identifier-column COLUMN), one of them.");
            }
            else if (hasSegment != (result.GetResult(identifierColumn) is not null))
            {
                result.AddError("--segment and --identifier-column go together: name the segment and the column of the customer 360 to send, such as email.");
            }
        });
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var added = await client.AddOrchestrationAsync(
                new OrchestrationInput(
                    parseResult.GetRequiredValue(name),
                    parseResult.GetRequiredValue(destination),
                    await query.ReadAsync(parseResult, ct),
                    parseResult.GetValue(allowEmpty),
                    parseResult.GetValue(description),
                    parseResult.GetValue(segment),
                    parseResult.GetValue(identifierColumn)),
                ct);
            context.WriteLine($"Added orchestration {added.Name}, sending to {added.DestinationName}. Run it with: herald orchestration run {added.Name} --wait");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("orchestration");
        var destination = new Option<string?>("--destination") { Description = "Another destination", HelpName = "NAME" };
        var query = new QueryOptions();
        var allowEmpty = new Option<bool?>("--allow-empty") { Description = "Whether an empty result is sent (true) or fails the run (false)", HelpName = "true|false" };
        var description = CommonOptions.Description("orchestration");
        var (segment, identifierColumn) = SegmentOptions();
        var command = new Command("update", "Change an orchestration") { name, destination, allowEmpty, description, segment, identifierColumn };
        query.AddTo(command, required: false);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var update = new OrchestrationUpdate(
                parseResult.GetValue(destination),
                await query.ReadAsync(parseResult, ct),
                parseResult.GetValue(allowEmpty),
                parseResult.GetValue(description),
                parseResult.GetValue(segment),
                parseResult.GetValue(identifierColumn));
            if (update is { Destination: null, Query: null, AllowEmpty: null, Description: null, Segment: null, IdentifierColumn: null })
            {
                throw new UsageException("Nothing to update: give --destination, --query, --query-file, --segment, --identifier-column, --allow-empty or --description.");
            }
            var updated = await client.UpdateOrchestrationAsync(parseResult.GetRequiredValue(name), update, ct);
            context.WriteLine($"Updated orchestration {updated.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static (Option<string?> Segment, Option<string?> IdentifierColumn) SegmentOptions() =>
        (new Option<string?>("--segment") { Description = "A saved segment to send instead of a query (herald segment list)", HelpName = "NAME" },
         new Option<string?>("--identifier-column")
         {
             Description = "The customer 360's column sent for the segment's members, such as email or phone",
             HelpName = "COLUMN",
         });

    private static Command Run(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("orchestration");
        var wait = CommonOptions.Wait();
        var json = CommonOptions.Json("run");
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "Send even if the query returns no values, this time only" };
        var force = CommonOptions.Force();
        var command = new Command("run", "Start a run of an orchestration now") { name, wait, json, allowEmpty, force };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            // Without the flag the orchestration's own setting applies, hence null rather than false.
            var request = new RunRequest(parseResult.GetValue(allowEmpty) ? true : null, parseResult.GetValue(force));
            var started = await client.RunOrchestrationAsync(parseResult.GetRequiredValue(name), request, ct);
            return await RunFollower.FollowAsync(started, parseResult.GetValue(wait), parseResult.GetValue(json), client, context, ct);
        });
        return command;
    }

    private static Command TestSend(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("orchestration");
        var segmentName = new Option<string>("--segment-name") { Description = "The test's own segment (never the destination's)", Required = true, HelpName = "NAME" };
        var sampleSize = new Option<int>("--sample-size") { Description = "How many values to send, counted after the value rules", DefaultValueFactory = _ => 10, HelpName = "N" };
        var wait = CommonOptions.Wait();
        var json = CommonOptions.Json("run");
        var command = new Command("test-send", "Send a sample of an orchestration's audience to a segment of its own; listed with its runs, marked as a test")
        {
            name, segmentName, sampleSize, wait, json,
        };
        sampleSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--sample-size must be a positive number of values.");
            }
        });
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var started = await client.TestSendOrchestrationAsync(parseResult.GetRequiredValue(name),
                new TestSendRequest(parseResult.GetRequiredValue(segmentName), parseResult.GetValue(sampleSize)), ct);
            return await RunFollower.FollowAsync(started, parseResult.GetValue(wait), parseResult.GetValue(json), client, context, ct);
        });
        return command;
    }
}
