using System.CommandLine;
using Herald.Application.Access;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald user add|list|disable|enable</c>: administering users needs the user:admin action.</summary>
internal static class UserCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("user", "People and services that use Herald, their policies and options (administrators only)");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "users", "List users with their policies and keys", (client, ct) => client.ListUsersAsync(ct), (render, all) => render.WriteUsers(all)));
        command.Subcommands.Add(Disable(context, server));
        command.Subcommands.Add(Enable(context, server));
        return command;
    }

    private static Command Add(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.NewName("user");
        var policies = new Option<string[]>("--policy")
        {
            Description = $"A policy ({string.Join(", ", StandardPolicies.All.Select(p => p.Name))}) or an action; repeat for more",
            Required = true,
            HelpName = "POLICY",
            AllowMultipleArgumentsPerToken = false,
        };
        var restrictPii = new Option<bool>("--restrict-pii") { Description = "Restrict PII access: personal data is withheld from this user" };
        var sandboxes = new Option<bool>("--allow-sandbox-administration") { Description = "Allow sandbox administration" };
        var password = SecretInputOptions.Password();
        var command = new Command("add", "Add a user; without a password it signs in only with API keys (herald apikey create --user NAME)")
        {
            name, policies, restrictPii, sandboxes,
        };
        password.AddTo(command, required: false);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var added = await client.AddUserAsync(new UserInput(
                parseResult.GetRequiredValue(name),
                await password.ReadAsync(parseResult, context, ct),
                parseResult.GetRequiredValue(policies),
                parseResult.GetValue(restrictPii),
                parseResult.GetValue(sandboxes)), ct);
            context.WriteLine($"Added user {added.Name} ({string.Join(", ", added.Policies)}{(added.RestrictPii ? "; PII restricted" : "")}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Disable(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("user");
        var command = new Command("disable", "Disable a user: its sessions and keys stop working at once; its past actions keep its name") { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var disabled = await client.DisableUserAsync(parseResult.GetRequiredValue(name), ct);
            context.WriteLine($"Disabled user {disabled.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Enable(CliContext context, ServerOptions server)
    {
        var name = CommonOptions.Name("user");
        var command = new Command("enable", "Enable a disabled user again: its password and the keys not revoked work again") { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var enabled = await client.EnableUserAsync(parseResult.GetRequiredValue(name), ct);
            context.WriteLine($"Enabled user {enabled.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
