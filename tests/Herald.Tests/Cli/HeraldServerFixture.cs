using Herald.Server;
using Herald.Simulator;

namespace Herald.Tests.Cli;

/// <summary>
/// One simulator and one Herald server on loopback ports, shared by the CLI tests that drive a running
/// server; each test names its own credentials, destinations and segments so that they do not meet.
/// </summary>
public sealed class HeraldServerFixture : IAsyncLifetime
{
    public const string PartnerName = "herald-demo";
    public const string ApiToken = "demo-token";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "herald-cli-tests", Guid.NewGuid().ToString("N"));
    private InsiderOneSimulator? simulator;
    private RunningHerald? herald;

    public RunningHerald Herald => herald ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The environment a user would have set up: where the server is and its key.</summary>
    public Dictionary<string, string?> Environment => new()
    {
        ["HERALD_SERVER"] = Herald.BaseUrl.ToString(),
        ["HERALD_API_KEY"] = Herald.ApiKey,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(50) });
        herald = await HeraldServer.StartAsync(
            new HeraldStartOptions
            {
                DataDirectory = dataDirectory,
                Settings = new Dictionary<string, string?>
                {
                    ["Herald:InsiderOne:BaseUrl"] = simulator.BaseUrl.ToString(),
                    ["Herald:Source:SampleCustomers"] = "2000",
                    ["Logging:LogLevel:Default"] = "Warning",
                },
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (herald is not null)
        {
            await herald.DisposeAsync();
        }
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a native engine; the temp folder is cleaned by the OS eventually.
        }
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Environment, args);

    /// <summary>A credential for the simulator's account and a destination using it, both named after <paramref name="prefix"/>.</summary>
    public async Task<string> AddDestinationAsync(string prefix, string token = ApiToken)
    {
        var environment = Environment;
        environment["TEST_INSIDER_TOKEN"] = token;
        var credential = await CliRunner.RunAsync(environment,
            ["credential", "add", $"{prefix}-cred", "--partner-name", PartnerName, "--api-token-env", "TEST_INSIDER_TOKEN"]);
        credential.ExitCode.ShouldBe(0, credential.ToString());
        var destination = await RunAsync(
            ["destination", "add", $"{prefix}-dest", "--credential", $"{prefix}-cred", "--segment-name", $"CLI {prefix}", "--attribute-name", "email",
                // A refused token can only be saved without the connection test, for runs that fail on it.
                .. (token == ApiToken ? Array.Empty<string>() : new[] { "--skip-connection-test" })]);
        destination.ExitCode.ShouldBe(0, destination.ToString());
        return $"{prefix}-dest";
    }
}

[CollectionDefinition(Name)]
public sealed class HeraldServerCollection : ICollectionFixture<HeraldServerFixture>
{
    public const string Name = "Herald CLI against a running server";
}
