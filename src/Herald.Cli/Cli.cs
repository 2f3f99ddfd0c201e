using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Herald.Cli.Commands;

namespace Herald.Cli;

/// <summary>
/// The whole command line behind one call, with its output, input and environment passed in, so that
/// tests run commands in-process and read what a user would see.
/// </summary>
internal static class Cli
{
    public static async Task<int> InvokeAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IDictionary<string, string?>? environment = null,
        TextReader? stdin = null,
        CancellationToken cancellationToken = default)
    {
        var context = CliContext.Create(stdout, stderr, stdin, environment);
        var parseResult = HeraldRootCommand.Create(context).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Ctrl-C cancels the command's token; the process is cut only if the command has not ended by
            // then. `serve` needs the time to stop its workers gracefully (its default is 2 seconds).
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        if (parseResult.Action is not ParseErrorAction parseError)
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }

        // The error and a pointer to help say more than the whole help page printed under it.
        parseError.ShowHelp = false;
        await parseResult.InvokeAsync(invocation, cancellationToken);
        await stderr.WriteLineAsync($"See '{CommandLineOf(parseResult.CommandResult)} --help'.");
        // System.CommandLine exits 1 on a parse error, which scripts would read as a failed run.
        return ExitCodes.UsageError;
    }

    private static string CommandLineOf(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = current.Parent)
        {
            names.Add(command.Command is RootCommand ? "herald" : command.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
