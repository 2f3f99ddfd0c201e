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
        command.Subcommands.Add(CatalogCommands.List(context, server, "destinations", "List destinations", (client, ct) => client.ListDestinationsAsync(ct), (render, all) => render.WriteDestinations(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "destination", "Show a destination", (client, name, ct) => client.GetDestinationAsync(name, ct), (render, one) => render.WriteDestination(one)));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "destination", "Remove a destination no orchestration uses", (client, name, ct) => client.RemoveDestinationAsync(name, ct)));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("destination");
        var credential = new Option<string>("--credential") { Description = "The credential to send with", Required = true, HelpName = "NAME" };
        var segmentName = new Option<string>("--segment-name") { Description = "The segment's name in Insider One (at most 40 characters)", Required = true, HelpName = "NAME" };
        var attributeName = new Option<string>("--attribute-name") { Description = "The Insider One attribute the values match, such as email or phone_number", Required = true, HelpName = "NAME" };
        var description = CommonOptions.Description("destination");
        var updateMode = UpdateMode();
        var allowSplit = new Option<bool>("--allow-split") { Description = "Upload an audience over Insider One's file limit as numbered segments (\"Name 1/3\"...) instead of failing" };
        var shrinkGuard = ShrinkGuardShare();
        var skipTest = SkipConnectionTest();
        var adminOnly = new Option<bool>("--admin-only") { Description = "Admin only: only Operators and Administrators see and use it" };
        var piiAllowed = new Option<bool>("--pii-allowed") { Description = "PII setting: users with restricted PII access may still send to it" };
        var command = new Command("add", "Add a destination") { name, credential, segmentName, attributeName, description, updateMode, allowSplit, shrinkGuard, skipTest, adminOnly, piiAllowed };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var added = await client.AddDestinationAsync(
                new DestinationInput(
                    parseResult.GetRequiredValue(name),
                    parseResult.GetRequiredValue(credential),
                    parseResult.GetRequiredValue(segmentName),
                    parseResult.GetRequiredValue(attributeName),
                    parseResult.GetValue(description),
                    parseResult.GetValue(updateMode),
                    parseResult.GetValue(allowSplit),
                    parseResult.GetValue(shrinkGuard),
                    parseResult.GetValue(skipTest),
                    parseResult.GetValue(adminOnly),
                    parseResult.GetValue(piiAllowed)),
                ct);
            var split = added.AllowSplit ? ", split when over the file limit" : "";
            var access = (added.AdminOnly ? "; admin only" : "") + (added.PiiAllowed ? "; users with restricted PII access may send to it" : "");
            context.WriteLine($"Added destination {added.Name}: segment \"{added.SegmentName}\" by {added.AttributeName}, through credential {added.CredentialName}; update mode {added.UpdateMode}{split}{access}.");
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
        var updateMode = UpdateMode();
        var allowSplit = Switch("--allow-split", "Whether an audience over Insider One's file limit goes up as numbered segments (true) or fails the run (false)");
        var shrinkGuard = ShrinkGuardShare();
        var skipTest = SkipConnectionTest();
        var adminOnly = Switch("--admin-only", "Admin only (true) or available to everyone allowed to see PII (false)");
        var piiAllowed = Switch("--pii-allowed", "Whether users with restricted PII access may send to it (the PII setting)");
        var command = new Command("update", "Change a destination") { name, credential, segmentName, attributeName, description, updateMode, allowSplit, shrinkGuard, skipTest, adminOnly, piiAllowed };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            // "--allow-split" alone means true, like the flag of "destination add".
            var split = SwitchValue(parseResult, allowSplit);
            var update = new DestinationUpdate(
                parseResult.GetValue(credential),
                parseResult.GetValue(segmentName),
                parseResult.GetValue(attributeName),
                parseResult.GetValue(description),
                parseResult.GetValue(updateMode),
                split,
                parseResult.GetValue(shrinkGuard),
                parseResult.GetValue(skipTest),
                SwitchValue(parseResult, adminOnly),
                SwitchValue(parseResult, piiAllowed));
            if (update is { Credential: null, SegmentName: null, AttributeName: null, Description: null, UpdateMode: null, AllowSplit: null, ShrinkGuardShare: null, AdminOnly: null, PiiAllowed: null })
            {
                throw new UsageException("Nothing to update: give --credential, --segment-name, --attribute-name, --description, --update-mode, --allow-split, " +
                    "--shrink-guard-share, --admin-only or --pii-allowed.");
            }
            var updated = await client.UpdateDestinationAsync(parseResult.GetRequiredValue(name), update, ct);
            context.WriteLine($"Updated destination {updated.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>An on/off option of <c>destination update</c>: given alone it means true, like the flag of <c>destination add</c>.</summary>
    private static Option<bool?> Switch(string name, string description) =>
        new(name) { Description = description, HelpName = "true|false", Arity = ArgumentArity.ZeroOrOne };

    private static bool? SwitchValue(ParseResult parseResult, Option<bool?> option) =>
        parseResult.GetResult(option) is { } given ? (given.Tokens.Count == 0 ? true : parseResult.GetValue(option)) : null;

    private static Option<string?> UpdateMode()
    {
        var option = new Option<string?>("--update-mode")
        {
            Description = "How each run changes the segment: replace (it becomes exactly the audience; the default) or add (members are never removed)",
            HelpName = "replace|add",
        };
        option.AcceptOnlyFromAmong("replace", "add");
        return option;
    }

    private static Option<bool> SkipConnectionTest() =>
        new("--skip-connection-test") { Description = "Save without trying the credential against Insider One first (while Insider One is unreachable)" };

    private static Option<double?> ShrinkGuardShare()
    {
        var option = new Option<double?>("--shrink-guard-share")
        {
            Description = "Stop a replace that would remove more than this share of the segment (0 to 1) unless forced; default the server's (0.5)",
            HelpName = "SHARE",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } share && share is < 0 or > 1)
            {
                result.AddError("--shrink-guard-share must be between 0 and 1, such as 0.5.");
            }
        });
        return option;
    }
}
