using System.CommandLine;
using Herald.Cli.Client;
using Herald.Cli.Output;

namespace Herald.Cli.Commands;

internal static class ClientCommandAction
{
    /// <summary>
    /// Runs a command against the server with a client for the resolved URL and key, turning the
    /// failures a user can act on (bad input, API refusal, no server) into messages and exit codes.
    /// </summary>
    public static void SetClientAction(
        this Command command,
        CliContext context,
        ServerOptions serverOptions,
        Func<ParseResult, HeraldApiClient, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ServerConnection? connection = null;
            try
            {
                connection = serverOptions.Resolve(parseResult, context);
                using var client = connection.CreateClient();
                return await action(parseResult, client, cancellationToken);
            }
            catch (Exception ex) when (ErrorReport.IsExplained(ex, cancellationToken))
            {
                return ErrorReport.Write(context, ex, connection);
            }
        });
    }
}
