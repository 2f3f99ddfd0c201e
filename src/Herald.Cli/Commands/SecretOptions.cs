using System.CommandLine;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// Where a secret (an Insider One API token, a user's password) comes from: standard input or an environment variable.
/// Never an option value, which would land in shell history and process listings.
/// </summary>
internal sealed class SecretOptions
{
    private readonly string _flag;
    private readonly string _what;
    // A token's surrounding spaces are copy-and-paste noise; a password's are part of it, as the sign-in page takes it.
    private readonly bool _trim;

    private SecretOptions(string flag, string what, bool trim)
    {
        _flag = flag;
        _what = what;
        _trim = trim;
        FromStandardInput = new($"--{flag}-stdin") { Description = $"Read the {what} from standard input (asked for without echo on a terminal)" };
        FromEnvironment = new($"--{flag}-env") { Description = $"Read the {what} from this environment variable", HelpName = "VAR" };
    }

    /// <summary><c>--api-token-stdin</c> / <c>--api-token-env</c>.</summary>
    public static SecretOptions ApiToken() => new("api-token", "Insider One API token", trim: true);

    /// <summary><c>--password-stdin</c> / <c>--password-env</c>.</summary>
    public static SecretOptions Password() => new("password", "user's password", trim: false);

    public Option<bool> FromStandardInput { get; }

    public Option<string?> FromEnvironment { get; }

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
                result.AddError($"Give the {_what} with --{_flag}-stdin or with --{_flag}-env, not both.");
            }
            else if (required && !fromInput && !fromEnvironment)
            {
                result.AddError($"Give the {_what} with --{_flag}-stdin (piped or typed) or --{_flag}-env VAR; it is never taken as a plain option value.");
            }
        });
    }

    /// <summary>The secret, or null when neither option was given (allowed where the secret is optional).</summary>
    public async Task<string?> ReadAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(FromEnvironment) is { } variable)
        {
            return (context.GetEnvironmentVariable(variable) is { } value ? (_trim ? value.Trim() : value) : null)
                ?? throw new UsageException($"The environment variable {variable} is not set or is empty; put the {_what} in it first.");
        }
        if (!parseResult.GetValue(FromStandardInput))
        {
            return null;
        }
        var secret = context.InputIsTerminal
            ? await context.Console.PromptAsync(new TextPrompt<string>($"{char.ToUpperInvariant(_what[0])}{_what[1..]}:").Secret(), cancellationToken)
            : await context.Input.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(secret)
            ? throw new UsageException($"Standard input held no {_what}.")
            : _trim ? secret.Trim() : secret;
    }
}
