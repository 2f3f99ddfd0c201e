using System.CommandLine;
using Herald.Application.Access;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald user add|list|disable|enable</c>: administering users needs the user:admin action; <c>herald user password</c>
/// changes the caller's own password, which any user may.
/// </summary>
internal static class UserCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("user", "People and services that use Herald, their policies and options (administrators), and your own password");
        server.AddTo(command);
        command.Subcommands.Add(Add(context, server));
        command.Subcommands.Add(CatalogCommands.List(context, server, "users", "List users with their policies and keys", (client, ct) => client.ListUsersAsync(ct), (render, all) => render.WriteUsers(all)));
        command.Subcommands.Add(Disable(context, server));
        command.Subcommands.Add(Enable(context, server));
        command.Subcommands.Add(ChangeOwnPassword(context, server));
        return command;
    }

    private static Command ChangeOwnPassword(CliContext context, ServerOptions server)
    {
        var current = new SecretInputOptions("current-password", "current password", trim: false);
        var replacement = new SecretInputOptions("new-password", "new password", trim: false);
        var command = new Command("password",
            "Change your own password (the API key's user): the current one is required; every web session of yours is signed out. " +
            "With both --current-password-stdin and --new-password-stdin, standard input holds the current password, then the new one, a line each");
        current.AddTo(command, required: false);
        replacement.AddTo(command, required: true);
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            // Read in this order, so that piped input gives the current password first.
            var currentPassword = await current.ReadAsync(parseResult, context, ct);
            var changed = await client.ChangeOwnPasswordAsync(new PasswordChangeInput(currentPassword, await replacement.ReadAsync(parseResult, context, ct)), ct);
            context.WriteLine($"Changed the password of {changed.User}; {changed.OtherSessionsEnded} web session(s) signed out.");
            return ExitCodes.Success;
        });
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
