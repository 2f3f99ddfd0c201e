using System.CommandLine;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// Where the Insider One API token comes from: standard input or an environment variable. Never an
/// option value, which would land in shell history and process listings.
/// </summary>
internal sealed class ApiTokenOptions
{
    public Option<bool> FromStandardInput { get; } = new("--api-token-stdin")
    {
        Description = "Read the Insider One API token from standard input (asked for without echo on a terminal)",
    };

    public Option<string?> FromEnvironment { get; } = new("--api-token-env")
    {
        Description = "Read the Insider One API token from this environment variable",
        HelpName = "VAR",
    };

    public void AddTo(Command command, bool required)
    {
        command.Options.Add(FromStandardInput);
        command.Options.Add(FromEnvironment);
        command.Validators.Add(result =>
        {
            var fromInput = result.GetValue(FromStandardInput);
            var fromEnvironment = result.GetResult(FromEnvironment) is not null;
            if (fromInput && fromEnvironment)
            {
                result.AddError("Give the API token with --api-token-stdin or with --api-token-env, not both.");
            }
            else if (required && !fromInput && !fromEnvironment)
            {
                result.AddError("Give the API token with --api-token-stdin (piped or typed) or --api-token-env VAR; it is never taken as a plain option value.");
            }
        });
    }

    /// <summary>The token, or null when neither option was given (allowed for updates).</summary>
    public async Task<string?> ReadAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(FromEnvironment) is { } variable)
        {
            return context.GetEnvironmentVariable(variable)?.Trim()
                ?? throw new UsageException($"The environment variable {variable} is not set or is empty; put the API token in it first.");
        }
        if (!parseResult.GetValue(FromStandardInput))
        {
            return null;
        }
        var token = context.InputIsTerminal
            ? await context.Console.PromptAsync(new TextPrompt<string>("Insider One API token:").Secret(), cancellationToken)
            : await context.Input.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(token)
            ? throw new UsageException("Standard input held no API token.")
            : token.Trim();
    }
}
