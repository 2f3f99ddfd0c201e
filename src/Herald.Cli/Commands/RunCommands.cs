using System.CommandLine;
using Herald.Cli.Client;
using Herald.Cli.Output;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald run list|show|cancel</c>: the history of runs and what each one did.</summary>
internal static class RunCommands
{
    public static readonly string[] States =
        ["queued", "building", "comparing", "staging", "submitting", "awaiting_report", "succeeded", "failed", "cancelled"];

    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("run", "Runs: every send with its counts, Insider One's report and its history");
        server.AddTo(command);
        command.Subcommands.Add(List(context, server));
        command.Subcommands.Add(Show(context, server));
        command.Subcommands.Add(Cancel(context, server));
        return command;
    }

    private static Command List(CliContext context, ServerOptions server)
    {
        var state = new Option<string?>("--state") { Description = "Only runs in this state", HelpName = "STATE" };
        state.AcceptOnlyFromAmong(States);
        var destination = new Option<string?>("--destination") { Description = "Only runs to this destination", HelpName = "NAME" };
        var orchestration = new Option<string?>("--orchestration") { Description = "Only runs of this orchestration", HelpName = "NAME" };
        var search = new Option<string?>("--search") { Description = "Only runs whose segment, reason or names contain this text", HelpName = "TEXT" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first", DefaultValueFactory = _ => 20, HelpName = "N" };
        limit.Validators.Add(result =>
        {
            // The server lists at most 1,000 runs at once (RunFilter.MaxLimit): said here before a request is sent.
            if (result.GetValueOrDefault<int>() is <= 0 or > Herald.Application.UseCases.RunFilter.MaxLimit)
            {
                result.AddError($"--limit must be between 1 and {Herald.Application.UseCases.RunFilter.MaxLimit} runs.");
            }
        });
        var json = CommonOptions.Json("runs");
        var command = new Command("list", "List runs, newest first") { state, destination, orchestration, search, limit, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var filter = new RunFilter(
                State: parseResult.GetValue(state),
                Destination: parseResult.GetValue(destination),
                Orchestration: parseResult.GetValue(orchestration),
                Search: parseResult.GetValue(search),
                Limit: parseResult.GetValue(limit));
            var runs = await client.ListRunsAsync(filter, ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(runs);
            }
            else
            {
                new RunRenderer(context).WriteRunList(runs);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context, ServerOptions server)
    {
        var id = new Argument<string>("id") { Description = "The run's id" };
        var json = CommonOptions.Json("run");
        var command = new Command("show", "Show a run: counts, Insider One's report, and for a failure the reason and next step") { id, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var run = await client.GetRunAsync(parseResult.GetRequiredValue(id), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(run);
            }
            else
            {
                new RunRenderer(context).WriteRun(run);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel(CliContext context, ServerOptions server)
    {
        var id = new Argument<string>("id") { Description = "The run's id" };
        var command = new Command("cancel", "Cancel a run that has not finished") { id };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var run = await client.CancelRunAsync(parseResult.GetRequiredValue(id), ct);
            context.WriteLine($"Run {run.Id} is {run.State}: {run.Reason}");
            return ExitCodes.Success;
        });
        return command;
    }
}
