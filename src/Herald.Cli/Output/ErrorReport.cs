using System.Net;
using Herald.Cli.Client;
using Herald.Cli.Commands;

namespace Herald.Cli.Output;

/// <summary>Turns what went wrong into plain lines on standard error and the exit code scripts rely on.</summary>
internal static class ErrorReport
{
    /// <summary>Whether the exception is one the CLI explains to the user rather than a bug to show with its stack.</summary>
    public static bool IsExplained(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        UsageException or HeraldApiException or ServerUnreachableException or InvalidDataException => true,
        OperationCanceledException => cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static int Write(CliContext context, Exception exception, ServerConnection? connection = null)
    {
        var error = context.Error;
        switch (exception)
        {
            case UsageException usage:
                error.WriteLine($"error: {usage.Message}");
                return ExitCodes.UsageError;

            case HeraldApiException api:
                error.WriteLine($"error: {api.Error.Message}");
                foreach (var detail in api.Error.Errors ?? [])
                {
                    error.WriteLine($"  - {detail}");
                }
                if (api.StatusCode == HttpStatusCode.Unauthorized)
                {
                    WriteApiKeyHint(context, connection);
                }
                return api.StatusCode == HttpStatusCode.Forbidden ? ExitCodes.Forbidden : api.IsClientError ? ExitCodes.UsageError : ExitCodes.Failed;

            case ServerUnreachableException unreachable:
                error.WriteLine($"error: {unreachable.Message}");
                error.WriteLine($"Is the server running? Start it with `herald serve`, or point --server (or ${ServerOptions.ServerVariable}) at it.");
                return ExitCodes.ServerUnreachable;

            case InvalidDataException invalid:
                error.WriteLine($"error: {invalid.Message}");
                return ExitCodes.Failed;

            case OperationCanceledException:
                error.WriteLine("Interrupted.");
                return ExitCodes.Interrupted;

            default:
                throw new ArgumentException($"Unexpected {exception.GetType().Name} reached the error report.", nameof(exception), exception);
        }
    }

    private static void WriteApiKeyHint(CliContext context, ServerConnection? connection)
    {
        var found = connection switch
        {
            null => "",
            { ApiKey: null } => $"No API key was sent: {connection.ApiKeySource} does not exist. ",
            _ => $"The key sent came from {connection.ApiKeySource}. ",
        };
        context.Error.WriteLine(
            $"{found}Set ${ServerOptions.ApiKeyVariable} to the server's key, or pass --data-dir with the server's data directory.");
    }
}
