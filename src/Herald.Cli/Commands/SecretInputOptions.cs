using System.CommandLine;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// Where a secret (an Insider One API token, an alert channel's secret, a user's password) comes from: standard input or an environment
/// variable. Never an option value, which would land in shell history and process listings.
/// </summary>
/// <param name="name">The options' stem: <c>api-token</c> gives <c>--api-token-stdin</c> and <c>--api-token-env</c>.</param>
/// <param name="what">The secret in words, such as "Insider One API token".</param>
/// <param name="trim">
/// Whether surrounding spaces are dropped: a token's are copy-and-paste noise; a password's are part of it, as the
/// sign-in page takes it.
/// </param>
internal sealed class SecretInputOptions(string name, string what, bool trim = true)
{
    /// <summary>The Insider One API token of a credential.</summary>
    public static SecretInputOptions ApiToken() => new("api-token", "Insider One API token");

    /// <summary><c>--password-stdin</c> / <c>--password-env</c>: a user's password, taken as typed.</summary>
    public static SecretInputOptions Password() => new("password", "user's password", trim: false);

    public Option<bool> FromStandardInput { get; } = new($"--{name}-stdin")
    {
        Description = $"Read the {what} from standard input (asked for without echo on a terminal)",
    };

    public Option<string?> FromEnvironment { get; } = new($"--{name}-env")
    {
        Description = $"Read the {what} from this environment variable",
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
                result.AddError($"Give the {what} with --{name}-stdin or with --{name}-env, not both.");
            }
            else if (required && !fromInput && !fromEnvironment)
            {
                result.AddError($"Give the {what} with --{name}-stdin (piped or typed) or --{name}-env VAR; it is never taken as a plain option value.");
            }
        });
    }

    /// <summary>The secret, or null when neither option was given (allowed where it is optional).</summary>
    public async Task<string?> ReadAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(FromEnvironment) is { } variable)
        {
            return (context.GetEnvironmentVariable(variable) is { } value ? (trim ? value.Trim() : value) : null)
                ?? throw new UsageException($"The environment variable {variable} is not set or is empty; put the {what} in it first.");
        }
        if (!parseResult.GetValue(FromStandardInput))
        {
            return null;
        }
        var secret = context.InputIsTerminal
            ? await context.Console.PromptAsync(new TextPrompt<string>($"{char.ToUpperInvariant(what[0])}{what[1..]}:").Secret(), cancellationToken)
            : await context.Input.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(secret)
            ? throw new UsageException($"Standard input held no {what}.")
            : trim ? secret.Trim() : secret;
    }
}
