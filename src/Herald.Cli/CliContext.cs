using System.Globalization;
using Herald.Cli.Client;
using Spectre.Console;

namespace Herald.Cli;

/// <summary>Where a command writes, reads and looks up its environment; nothing inside a command touches <see cref="System.Console"/>.</summary>
internal sealed class CliContext
{
    private readonly IDictionary<string, string?>? environment;

    private CliContext(IAnsiConsole console, TextWriter output, TextWriter error, TextReader input, bool inputIsTerminal, IDictionary<string, string?>? environment)
    {
        Console = console;
        Output = output;
        Error = error;
        Input = input;
        InputIsTerminal = inputIsTerminal;
        this.environment = environment;
    }

    /// <summary>Standard output, through Spectre for tables and progress.</summary>
    public IAnsiConsole Console { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextReader Input { get; }

    /// <summary>Whether a person types the input, so that a secret can be asked for without echoing it.</summary>
    public bool InputIsTerminal { get; }

    /// <summary>Whether live displays (spinners) can redraw the output; never when it goes to a file, a pipe or a test.</summary>
    public bool OutputIsInteractive => Console.Profile.Out.IsTerminal && Console.Profile.Capabilities.Interactive;

    public static CliContext Create(TextWriter stdout, TextWriter stderr, TextReader? stdin, IDictionary<string, string?>? environment)
    {
        var isRealConsole = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Interactive = isRealConsole ? InteractionSupport.Detect : InteractionSupport.No,
            Ansi = isRealConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isRealConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!isRealConsole)
        {
            // Spectre assumes 80 columns without a terminal; wide tables read better in logs unwrapped.
            console.Profile.Width = 160;
        }
        var inputIsTerminal = stdin is null && !System.Console.IsInputRedirected;
        return new CliContext(console, stdout, stderr, stdin ?? System.Console.In, inputIsTerminal, environment);
    }

    /// <summary>
    /// Writes a line of Spectre markup whose interpolated values are shown as given (escaped). On a
    /// terminal it is styled and wrapped at the window; elsewhere it is plain and never wrapped, so
    /// that a log or a test keeps one line per message.
    /// </summary>
    public void WriteLine(FormattableString markup)
    {
        var values = markup.GetArguments().Select(value => (object?)Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).ToArray();
        WriteMarkupLine(string.Format(CultureInfo.InvariantCulture, markup.Format, values));
    }

    /// <summary>Writes a line of markup built by the caller, whose values are already escaped.</summary>
    public void WriteMarkupLine(string markup)
    {
        if (Console.Profile.Out.IsTerminal)
        {
            Console.MarkupLine(markup);
        }
        else
        {
            Output.WriteLine(Markup.Remove(markup));
        }
    }

    /// <summary>Writes a value as the API's JSON straight to standard output, past Spectre, so that nothing wraps or decorates it.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(CliJson.Print(value));

    public string? GetEnvironmentVariable(string name)
    {
        // Given an environment (tests), use only it, so that the machine's own HERALD_* settings do not leak in.
        var value = environment is null
            ? Environment.GetEnvironmentVariable(name)
            : environment.TryGetValue(name, out var given) ? given : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
