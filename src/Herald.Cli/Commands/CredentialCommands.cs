using System.CommandLine;
using Herald.Cli.Output;
using Herald.Server.Api;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary><c>herald credential add|list|show|update|remove</c>.</summary>
internal static class CredentialCommands
{
    public const string DefaultPlugin = "insiderone";

    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("credential", "Insider One credentials: a partner name and an API token the server keeps encrypted");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "credentials", "List credentials", (client, ct) => client.ListCredentialsAsync(ct), (render, all) => render.WriteCredentials(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "credential", "Show a credential (never its token)", (client, name, ct) => client.GetCredentialAsync(name, ct), (render, one) => render.WriteCredential(one)));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "credential", "Remove a credential no destination uses", (client, name, ct) => client.RemoveCredentialAsync(name, ct)));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("credential");
        var plugin = new Option<string>("--plugin") { Description = "The destination plugin", HelpName = "PLUGIN", DefaultValueFactory = _ => DefaultPlugin };
        var partnerName = new Option<string>("--partner-name") { Description = "Your Insider One partner name (InOne > Settings > Account)", Required = true, HelpName = "NAME" };
        var token = SecretInputOptions.ApiToken();
        var description = CommonOptions.Description("credential");
        var command = new Command("add", "Add a credential") { name, plugin, partnerName, description };
        token.AddTo(command, required: true);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var apiToken = await token.ReadAsync(parseResult, context, ct);
            var added = await client.AddCredentialAsync(
                new CredentialInput(
                    parseResult.GetRequiredValue(name),
                    parseResult.GetValue(plugin),
                    parseResult.GetRequiredValue(partnerName),
                    apiToken!,
                    parseResult.GetValue(description)),
                ct);
            context.WriteLine($"Added credential {added.Name} (partner {added.PartnerName}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("credential");
        var partnerName = new Option<string?>("--partner-name") { Description = "A new partner name", HelpName = "NAME" };
        var token = SecretInputOptions.ApiToken();
        var description = CommonOptions.Description("credential");
        var command = new Command("update", "Change a credential's partner name, token (rotation) or description") { name, partnerName, description };
        token.AddTo(command, required: false);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var update = new CredentialUpdate(
                parseResult.GetValue(partnerName),
                await token.ReadAsync(parseResult, context, ct),
                parseResult.GetValue(description));
            if (update is { PartnerName: null, ApiToken: null, Description: null })
            {
                throw new UsageException("Nothing to update: give --partner-name, --api-token-stdin, --api-token-env or --description.");
            }
            var updated = await client.UpdateCredentialAsync(parseResult.GetRequiredValue(name), update, ct);
            var rotated = update.ApiToken is null ? "" : "; its API token was replaced";
            context.WriteLine($"Updated credential {updated.Name}{rotated}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
