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
        var command = new Command("credential", "Credentials the server keeps encrypted: Insider One's partner name and API token, or a Snowflake user's key pair");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "credentials", "List credentials", (client, ct) => client.ListCredentialsAsync(ct), (render, all) => render.WriteCredentials(all)));
        command.Subcommands.Add(CatalogCommands.Show(context, server, "credential", "Show a credential (never its token)", (client, name, ct) => client.GetCredentialAsync(name, ct), (render, one) => render.WriteCredential(one)));
        command.Subcommands.Add(Update(context, server));
        command.Subcommands.Add(CatalogCommands.Remove(context, server, "credential", "Remove a credential no destination or bridge uses", (client, name, ct) => client.RemoveCredentialAsync(name, ct)));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("credential");
        var plugin = new Option<string>("--plugin") { Description = "insiderone (a partner name and API token) or snowflake (a user's key pair)", HelpName = "PLUGIN", DefaultValueFactory = _ => DefaultPlugin };
        var partnerName = new Option<string?>("--partner-name") { Description = "Your Insider One partner name (InOne > Settings > Account); insiderone", HelpName = "NAME" };
        var token = SecretInputOptions.ApiToken();
        var snowflake = new SnowflakeCredentialOptions();
        var description = CommonOptions.Description("credential");
        var command = new Command("add", "Add a credential") { name, plugin, partnerName, description };
        token.AddTo(command, required: false);
        snowflake.AddTo(command);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var pluginId = parseResult.GetValue(plugin) ?? DefaultPlugin;
            CredentialInput input;
            if (pluginId == SnowflakeCredentialOptions.Plugin)
            {
                var (settings, secrets) = await snowflake.ReadAsync(parseResult, context, ct);
                input = new CredentialInput(parseResult.GetRequiredValue(name), pluginId, null, null, parseResult.GetValue(description), settings, secrets);
            }
            else
            {
                var apiToken = await token.ReadAsync(parseResult, context, ct);
                if (parseResult.GetValue(partnerName) is not { } partner || apiToken is null)
                {
                    throw new UsageException("An insiderone credential needs --partner-name and the API token (--api-token-stdin or --api-token-env VAR).");
                }
                input = new CredentialInput(parseResult.GetRequiredValue(name), pluginId, partner, apiToken, parseResult.GetValue(description));
            }
            var added = await client.AddCredentialAsync(input, ct);
            if (pluginId == SnowflakeCredentialOptions.Plugin)
            {
                context.WriteLine($"Added credential {added.Name} (snowflake; the private key is kept encrypted and never shown).");
            }
            else
            {
                context.WriteLine($"Added credential {added.Name} (partner {added.PartnerName}).");
            }
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
