using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald destination add|list|show|update|remove</c>: where audiences go (an Insider One segment, by one attribute).</summary>
internal static class DestinationCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("destination", "Destinations: an Insider One segment filled through a credential, matched by one attribute");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(List(context, server));
        command.Subcommands.Add(Show(context, server));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(Remove(context, server));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("destination");
        var credential = new Option<string>("--credential") { Description = "The credential to send with", Required = true, HelpName = "NAME" };
        var segmentName = new Option<string>("--segment-name") { Description = "The segment's name in Insider One (at most 40 characters)", Required = true, HelpName = "NAME" };
        var attributeName = new Option<string>("--attribute-name") { Description = "The Insider One attribute the values match, such as email or phone_number", Required = true, HelpName = "NAME" };
        var description = CommonOptions.Description("destination");
        var command = new Command("add", "Add a destination") { name, credential, segmentName, attributeName, description };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var added = await client.AddDestinationAsync(
                new DestinationInput(
                    parseResult.GetRequiredValue(name),
                    parseResult.GetRequiredValue(credential),
                    parseResult.GetRequiredValue(segmentName),
                    parseResult.GetRequiredValue(attributeName),
                    parseResult.GetValue(description)),
                ct);
            context.WriteLine($"Added destination {added.Name}: segment \"{added.SegmentName}\" by {added.AttributeName}, through credential {added.CredentialName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context, ServerOptions server)
    {
        var json = CommonOptions.Json("destinations");
        var command = new Command("list", "List destinations") { json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var destinations = await client.ListDestinationsAsync(ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(destinations);
            }
            else
            {
                new CatalogRenderer(context).WriteDestinations(destinations);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("destination");
        var json = CommonOptions.Json("destination");
        var command = new Command("show", "Show a destination") { name, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var destination = await client.GetDestinationAsync(parseResult.GetRequiredValue(name), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(destination);
            }
            else
            {
                new CatalogRenderer(context).WriteDestination(destination);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("destination");
        var credential = new Option<string?>("--credential") { Description = "Another credential to send with", HelpName = "NAME" };
        var segmentName = new Option<string?>("--segment-name") { Description = "A new segment name (at most 40 characters)", HelpName = "NAME" };
        var attributeName = new Option<string?>("--attribute-name") { Description = "Another attribute", HelpName = "NAME" };
        var description = CommonOptions.Description("destination");
        var command = new Command("update", "Change a destination") { name, credential, segmentName, attributeName, description };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var update = new DestinationUpdate(
                parseResult.GetValue(credential),
                parseResult.GetValue(segmentName),
                parseResult.GetValue(attributeName),
                parseResult.GetValue(description));
            if (update is { Credential: null, SegmentName: null, AttributeName: null, Description: null })
            {
                throw new UsageException("Nothing to update: give --credential, --segment-name, --attribute-name or --description.");
            }
            var updated = await client.UpdateDestinationAsync(parseResult.GetRequiredValue(name), update, ct);
            context.WriteLine($"Updated destination {updated.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("destination");
        var command = new Command("remove", "Remove a destination no orchestration uses") { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var removed = parseResult.GetRequiredValue(name);
            await client.RemoveDestinationAsync(removed, ct);
            context.WriteLine($"Removed destination {removed}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
