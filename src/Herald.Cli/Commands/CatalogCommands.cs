using System.CommandLine;
using Herald.Cli.Client;
using Herald.Cli.Output;

namespace Herald.Cli.Commands;

/// <summary>
/// The <c>list</c>, <c>show</c> and <c>remove</c> commands every catalog noun has (credential, destination,
/// orchestration), written once: the noun says what to call, the renderer how to print it, <c>--json</c> the same for all.
/// </summary>
internal static class CatalogCommands
{
    public static Command List<T>(
        CliContext context, ServerOptions server, string plural, string description,
        Func<HeraldApiClient, CancellationToken, Task<IReadOnlyList<T>>> list, Action<CatalogRenderer, IReadOnlyList<T>> render)
    {
        var json = CommonOptions.Json(plural);
        var command = new Command("list", description) { json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            Write(context, parseResult.GetValue(json), await list(client, ct), render);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show<T>(
        CliContext context, ServerOptions server, string noun, string description,
        Func<HeraldApiClient, string, CancellationToken, Task<T>> get, Action<CatalogRenderer, T> render)
    {
        var name = CommonOptions.Name(noun);
        var json = CommonOptions.Json(noun);
        var command = new Command("show", description) { name, json };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            Write(context, parseResult.GetValue(json), await get(client, parseResult.GetRequiredValue(name), ct), render);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Remove(
        CliContext context, ServerOptions server, string noun, string description, Func<HeraldApiClient, string, CancellationToken, Task> remove)
    {
        var name = CommonOptions.Name(noun);
        var command = new Command("remove", description) { name };
        command.SetClientAction(context, server, async (parseResult, client, ct) =>
        {
            var removed = parseResult.GetRequiredValue(name);
            await remove(client, removed, ct);
            context.WriteLine($"Removed {noun} {removed}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write<T>(CliContext context, bool json, T value, Action<CatalogRenderer, T> render)
    {
        if (json)
        {
            context.WriteJson(value);
        }
        else
        {
            render(new CatalogRenderer(context), value);
        }
    }
}
