using System.CommandLine;
using Herald.Server.Api;

namespace Herald.Cli.Commands;

/// <summary><c>herald apikey create|list|revoke</c>: one's own keys, or (user:admin) anyone's with <c>--user</c>.</summary>
internal static class ApiKeyCommands
{
    public static Command Create(CliContext context)
    {
        var server = new ServerOptions();
        var command = new Command("apikey", "API keys: named, shown once, stored hashed, revocable");
        server.AddTo(command);
        command.Subcommands.Add(Make(context, server));
        command.Subcommands.Add(List(context, server));
        command.Subcommands.Add(Revoke(context, server));
        return command;
    }

    private static Option<string?> User(string what) => new("--user") { Description = $"{what} another user's keys (administrators only)", HelpName = "NAME" };

    private static Command Make(CliContext context, ServerOptions server)
    {
        var name = new Argument<string>("name") { Description = "What the key is for (the machine or service that will use it)" };
        var user = User("Make one of");
        var command = new Command("create", "Make a key; it is printed once and cannot be shown again") { name, user };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var made = await client.CreateApiKeyAsync(new ApiKeyInput(parseResult.GetRequiredValue(name), parseResult.GetValue(user)), ct);
            context.WriteLine($"Made API key {made.Listing.Name} ({made.Listing.Id}) for {made.Listing.User}. Copy it now; Herald keeps only its hash:");
            context.WriteLine($"{made.Key}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context, ServerOptions server)
    {
        var user = User("List");
        var json = CommonOptions.Json("keys");
        var command = new Command("list", "List keys: name, first characters, when made, last used and revoked") { user, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var keys = await client.ListApiKeysAsync(parseResult.GetValue(user), ct);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(keys);
            }
            else
            {
                new Output.CatalogRenderer(context).WriteApiKeys(keys);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliContext context, ServerOptions server)
    {
        var id = new Argument<string>("id") { Description = "The key's id, as herald apikey list shows it" };
        var command = new Command("revoke", "Revoke a key: requests with it are refused from now on") { id };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var revoked = await client.RevokeApiKeyAsync(parseResult.GetRequiredValue(id), ct);
            context.WriteLine($"Revoked API key {revoked.Name} of {revoked.User}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
