using System.CommandLine;
using Herald.Cli.Client;
using Herald.Server;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>--server</c> and <c>--data-dir</c>, shared by every command that drives a running server.
/// The key is read from <c>HERALD_API_KEY</c> or the server's key file, never from the command line.
/// </summary>
internal sealed class ServerOptions
{
    /// <summary>Where <c>herald serve</c> listens by default, so that the two meet without options.</summary>
    public const string DefaultServerUrl = HeraldServer.DefaultUrls;
    public const string ServerVariable = "HERALD_SERVER";
    public const string ApiKeyVariable = "HERALD_API_KEY";

    /// <summary>The data directory <c>herald serve --data-dir</c> is shown with in the docs, so that the two meet by default.</summary>
    public const string DefaultDataDirectory = "./herald-data";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The Herald server's URL [default: ${ServerVariable} or {DefaultServerUrl}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = $"The server's data directory, to read its API key file when ${ApiKeyVariable} is unset [default: {DefaultDataDirectory}]",
        HelpName = "DIR",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(DataDirectory);
    }

    public ServerConnection Resolve(ParseResult parseResult, CliContext context)
    {
        var url = parseResult.GetValue(Server) ?? context.GetEnvironmentVariable(ServerVariable) ?? DefaultServerUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"The server URL '{url}' is not an http(s) URL such as {DefaultServerUrl}.");
        }

        if (context.GetEnvironmentVariable(ApiKeyVariable) is { } keyFromEnvironment)
        {
            return new ServerConnection(serverUrl, keyFromEnvironment, $"${ApiKeyVariable}");
        }
        var dataDirectory = parseResult.GetValue(DataDirectory) ?? DefaultDataDirectory;
        var keyFile = Path.GetFullPath(Path.Combine(dataDirectory, ApiKeyFile.FileName));
        return new ServerConnection(serverUrl, ApiKeyFile.TryRead(dataDirectory), keyFile);
    }
}
