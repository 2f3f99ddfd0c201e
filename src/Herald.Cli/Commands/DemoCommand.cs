using System.CommandLine;
using System.Globalization;
using Herald.Cli.Client;
using Herald.Cli.Output;
using Herald.Server;
using Herald.Server.Api;
using Herald.Simulator;
using Herald.Sources.DuckDb.InsiderTables;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald demo</c>: the whole audience path on embedded defaults, needing nothing but the .NET SDK.
/// It starts the simulator and a server in this process, then drives the server through the same
/// HTTP API and client as every other command, so the demo proves what a user would do by hand.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultDataDirectory = "./herald-demo-data";
    public const string CredentialName = "demo-insider";
    public const string DestinationName = "vip-emails";
    public const string OrchestrationName = "vip-daily";
    public const string SegmentName = "VIP customers";
    public const string AttributeName = "email";
    public const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";

    // The simulator's default account; the demo's credential must match it.
    private const string PartnerName = "herald-demo";
    private const string ApiToken = "demo-token";

    // Long enough that the run visibly waits for Insider One's report, short enough not to bore.
    private static readonly TimeSpan SimulatorProcessingDelay = TimeSpan.FromMilliseconds(300);

    public static Command Create(CliContext context)
    {
        var customers = new Option<int>("--customers") { Description = "How many sample customers the customer 360 holds", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        customers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--customers must be a positive number.");
            }
        });
        var keep = new Option<bool>("--keep") { Description = "Leave the server and simulator running afterwards, until Ctrl-C, to try other commands" };
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Where demo data goes; each demo gets a fresh folder inside it",
            DefaultValueFactory = _ => DefaultDataDirectory,
            HelpName = "DIR",
        };
        var command = new Command("demo", "Send a VIP audience from a sample customer 360 to a simulated Insider One, end to end") { customers, keep, dataDirectory };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await RunAsync(
                    context,
                    parseResult.GetValue(customers),
                    parseResult.GetValue(keep),
                    parseResult.GetRequiredValue(dataDirectory),
                    cancellationToken);
            }
            catch (Exception ex) when (ErrorReport.IsExplained(ex, cancellationToken))
            {
                return ErrorReport.Write(context, ex);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, int customers, bool keep, string dataRoot, CancellationToken ct)
    {
        var dataDirectory = CreateFreshDirectory(dataRoot);
        context.WriteMarkupLine("[bold underline]Herald demo[/]");

        var simulatorOptions = new SimulatorOptions { ProcessingDelay = SimulatorProcessingDelay };
        await using var simulator = await InsiderOneSimulator.StartAsync(simulatorOptions, cancellationToken: ct);
        context.WriteLine($"Insider One simulator at [bold]{simulator.BaseUrl}[/]");

        var settings = new Dictionary<string, string?>
        {
            ["Herald:InsiderOne:BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Herald:Source:SampleCustomers"] = customers.ToString(CultureInfo.InvariantCulture),
            // The demo's own output tells the story; the server's request logs would drown it.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var herald = await HeraldServer.StartAsync(new HeraldStartOptions { DataDirectory = dataDirectory, Settings = settings }, ct);
        context.WriteLine($"Herald server at [bold]{herald.BaseUrl}[/] with a sample customer 360 of {Format.Count(customers)} customers");
        context.WriteLine($"Data in {herald.DataDirectory}");

        using var client = new HeraldApiClient(herald.BaseUrl, herald.ApiKey);
        await client.AddCredentialAsync(new CredentialInput(CredentialName, CredentialCommands.DefaultPlugin, PartnerName, ApiToken, "The simulator's demo account"), ct);
        context.WriteLine($"Credential [bold]{CredentialName}[/] for partner {PartnerName}");
        await client.AddDestinationAsync(new DestinationInput(DestinationName, CredentialName, SegmentName, AttributeName, "VIP customers by email"), ct);
        context.WriteLine($"Destination [bold]{DestinationName}[/]: segment \"{SegmentName}\" by {AttributeName}");
        await client.AddOrchestrationAsync(new OrchestrationInput(OrchestrationName, DestinationName, Query, Description: "Gold-tier customers, daily"), ct);
        context.WriteLine($"Orchestration [bold]{OrchestrationName}[/]: {Query}");
        context.Console.WriteLine();

        var started = await client.RunOrchestrationAsync(OrchestrationName, new RunRequest(), ct);
        var exitCode = await RunFollower.FollowAsync(started, wait: true, json: false, client, context, ct);
        await WriteInsiderTablesAsync(context, herald, ct);

        if (keep)
        {
            WriteHowToContinue(context, herald, simulator.BaseUrl);
            await CtrlC.WaitAsync(ct);
        }
        return exitCode;
    }

    /// <summary>
    /// The second pathway on its embedded default: the Insider One user and event tables written to a local folder as
    /// Parquet with a DuckDB file of views, as a bridge to a folder does. Called in-process until bridges have their
    /// API (issue 14, "Bridges"); then the demo adds a bridge and syncs it like every other command.
    /// </summary>
    private static async Task WriteInsiderTablesAsync(CliContext context, RunningHerald herald, CancellationToken ct)
    {
        var folder = Path.Combine(herald.DataDirectory, "insider-tables");
        var publication = await herald.Services.GetRequiredService<ParquetFolderPublisher>().PublishAsync(folder, InsiderTableTemplate.All, ct);
        context.Console.WriteLine();
        context.WriteMarkupLine("[bold underline]Insider One tables (Snowflake pathway, local folder)[/]");
        foreach (var (table, rows) in publication.Rows)
        {
            context.WriteLine($"{table}: {Format.Count(rows)} rows in {Path.Combine(folder, table + ".parquet")}");
        }
        context.WriteLine($"Views over them: {publication.ViewDatabase}");
    }

    private static string CreateFreshDirectory(string dataRoot)
    {
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var directory = Path.GetFullPath(Path.Combine(dataRoot, $"demo-{stamp}"));
        // Two demos started in the same second (tests, impatient users) must not share metadata.
        for (var attempt = 2; Directory.Exists(directory); attempt++)
        {
            directory = Path.GetFullPath(Path.Combine(dataRoot, $"demo-{stamp}-{attempt}"));
        }
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void WriteHowToContinue(CliContext context, RunningHerald herald, Uri simulatorUrl)
    {
        var server = herald.BaseUrl.ToString().TrimEnd('/');
        var keyFile = Path.Combine(herald.DataDirectory, ApiKeyFile.FileName);
        context.Console.WriteLine();
        context.WriteMarkupLine("[bold underline]Still running[/]");
        context.WriteLine($"Herald server:      {server}");
        context.WriteLine($"API key file:       {keyFile}");
        context.WriteLine($"Insider One (sim):  {simulatorUrl}");
        context.Console.WriteLine();
        context.WriteLine($"Try, in another terminal:");
        // Written past Spectre so that no line is wrapped: they are meant to be copied.
        string[] commands =
        [
            $"export {ServerOptions.ServerVariable}={server}",
            $"export {ServerOptions.ApiKeyVariable}=\"$(cat '{keyFile}')\"",
            "herald run list",
            $"herald orchestration run {OrchestrationName} --wait",
            $"herald send --destination {DestinationName} --query \"SELECT email FROM Customer_360 WHERE loyalty_tier = 'silver'\" --segment-name \"VIP test\" --wait",
            "herald destination list",
        ];
        foreach (var command in commands)
        {
            context.Output.WriteLine($"  {command}");
        }
        context.Console.WriteLine();
        context.WriteLine($"Press Ctrl-C to stop both.");
    }
}
