using System.CommandLine;
using Herald.Server;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald serve</c>: runs the server in this process. Options it does not know (any ASP.NET Core
/// configuration such as <c>--Herald:Source:DuckDbPath=...</c>) pass through to the server unchanged.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where the server listens [default: {HeraldServer.DefaultUrls}]", HelpName = "URLS" };
        var dataDirectory = new Option<string?>("--data-dir")
        {
            Description = $"Where the server keeps its metadata, API key and files [default: {ServerOptions.DefaultDataDirectory}]",
            HelpName = "DIR",
        };
        var command = new Command("serve", "Run the Herald server (API, callbacks, workers) until Ctrl-C; other options go to its configuration")
        {
            urls, dataDirectory,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            var serverArgs = new List<string>();
            if (parseResult.GetValue(urls) is { } givenUrls)
            {
                serverArgs.Add($"--urls={givenUrls}");
            }
            // The same default as the client commands' --data-dir, so that they find the API key file.
            var directory = parseResult.GetValue(dataDirectory)
                ?? (HasDataDirectoryElsewhere(context, parseResult) ? null : ServerOptions.DefaultDataDirectory);
            if (directory is not null)
            {
                serverArgs.Add($"--Herald:DataDirectory={Path.GetFullPath(directory)}");
            }
            serverArgs.AddRange(parseResult.UnmatchedTokens);
            return HeraldServer.RunAsync([.. serverArgs], cancellationToken);
        });
        return command;
    }

    private static bool HasDataDirectoryElsewhere(CliContext context, ParseResult parseResult) =>
        context.GetEnvironmentVariable("Herald__DataDirectory") is not null
        || parseResult.UnmatchedTokens.Any(token => token.Contains("Herald:DataDirectory", StringComparison.OrdinalIgnoreCase));
}
