using System.CommandLine;
using Herald.Simulator;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald simulator</c>: the Insider One stand-in, for trying Herald without an Insider One account.
/// Its token is one the stand-in is told to accept, not a real secret, so it may be a plain option.
/// </summary>
internal static class SimulatorCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5090";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where the simulator listens", DefaultValueFactory = _ => DefaultUrls, HelpName = "URL" };
        var partnerName = new Option<string>("--partner-name") { Description = "The partner name the simulator accepts", DefaultValueFactory = _ => "herald-demo", HelpName = "NAME" };
        var apiToken = new Option<string>("--api-token") { Description = "The (made-up) API token the simulator accepts", DefaultValueFactory = _ => "demo-token", HelpName = "TOKEN" };
        var processingDelay = new Option<TimeSpan?>("--processing-delay")
        {
            Description = "How long the simulator takes before it calls back with its report, such as 200ms or 2s",
            HelpName = "DURATION",
            CustomParser = result => DurationParser.TryParse(result.Tokens.Single().Value, out var delay)
                ? delay
                : Fail(result, $"'{result.Tokens.Single().Value}' is not a duration such as 200ms, 2s or 1m."),
        };
        var command = new Command("simulator", "Run the Insider One simulator until Ctrl-C") { urls, partnerName, apiToken, processingDelay };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SimulatorOptions
            {
                Accounts = [new SimulatorAccount { PartnerName = parseResult.GetRequiredValue(partnerName), Token = parseResult.GetRequiredValue(apiToken) }],
            };
            if (parseResult.GetValue(processingDelay) is { } delay)
            {
                options.ProcessingDelay = delay;
            }
            InsiderOneSimulator simulator;
            try
            {
                simulator = await InsiderOneSimulator.StartAsync(options, parseResult.GetRequiredValue(urls), cancellationToken);
            }
            catch (ArgumentException invalid)
            {
                await context.Error.WriteLineAsync($"error: {invalid.Message}");
                return ExitCodes.UsageError;
            }
            catch (IOException cannotListen)
            {
                await context.Error.WriteLineAsync($"error: the simulator cannot listen at {parseResult.GetValue(urls)}: {cannotListen.Message}");
                return ExitCodes.Failed;
            }
            await using var running = simulator;
            context.WriteLine($"Insider One simulator listening at [bold]{simulator.BaseUrl}[/] for partner {options.Accounts[0].PartnerName}.");
            // The simulator's own made-up account, printed so that a credential can be added for it; no customer's secret.
            context.WriteLine($"Its account (the simulator's test account, not a real secret): partner name {options.Accounts[0].PartnerName}, API token {options.Accounts[0].Token}");
            context.WriteLine($"Point Herald at it with: herald serve --Herald:InsiderOne:BaseUrl={simulator.BaseUrl}");
            context.WriteLine($"Press Ctrl-C to stop.");
            await CtrlC.WaitAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static TimeSpan? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
