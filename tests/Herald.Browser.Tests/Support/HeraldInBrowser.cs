using System.Net.Http.Json;
using Herald.Server;
using Herald.Server.Api;
using Herald.Simulator;
using Herald.Tests.Shared;

namespace Herald.Browser.Tests.Support;

/// <summary>
/// One Herald server, one Insider One simulator and one Chromium for the whole browser suite: the
/// components a user runs, on loopback ports, driven through Debian's Chromium by Playwright.
/// </summary>
public sealed class HeraldInBrowser : IAsyncLifetime
{
    public const string PartnerName = "herald-demo";
    public const string Token = "demo-token";

    /// <summary>Debian's Chromium (never a downloaded browser); HERALD_CHROMIUM points elsewhere if needed.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("HERALD_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "herald-browser-tests", Guid.NewGuid().ToString("N")[..12]);
    private IPlaywright? _playwright;

    public InsiderOneSimulator Simulator { get; private set; } = null!;
    public RunningHerald Herald { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public Screenshots Screenshots { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Install Debian's package (apt-get install -y chromium); scripts/test.sh does it when missing.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);

        // Insider One answers a second after the upload, so that a run is seen in flight before it succeeds.
        Simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(1) });
        Herald = await HeraldServer.StartAsync(new HeraldStartOptions
        {
            DataDirectory = Path.Combine(_directory, "data"),
            Settings = new Dictionary<string, string?>
            {
                ["Herald:InsiderOne:BaseUrl"] = Simulator.BaseUrl.ToString(),
                ["Herald:Source:SampleCustomers"] = "2000",
                ["Herald:InsiderOne:RetryBaseDelay"] = "00:00:00.010",
                ["Herald:InsiderOne:MaxRetryDelay"] = "00:00:00.200",
                ["Herald:Workers:PollInterval"] = "00:00:00.100",
                // An alert target that cannot be reached fails its attempt within seconds.
                ["Herald:Alerts:SendTimeout"] = "00:00:03",
            },
        }, CancellationToken.None);
        Api = new HttpClient { BaseAddress = Herald.BaseUrl, DefaultRequestHeaders = { { "X-Herald-Api-Key", Herald.ApiKey } } };

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies) on a page that is not signed in.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Herald.BaseUrl.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = 860 },
            JavaScriptEnabled = javaScript,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>A fresh browser context signed in with the API key through the sign-in page.</summary>
    public async Task<IPage> SignedInPageAsync(bool javaScript = true, int width = 1280)
    {
        var page = await NewPageAsync(javaScript, width);
        await page.GotoAsync("/signin");
        await page.GetByLabel("API key").FillAsync(Herald.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A credential and a destination made through the REST API, for tests about other pages.</summary>
    public async Task<(string Credential, string Destination)> AddDestinationAsync(string segmentName, string token = Token)
    {
        var suffix = Unique.Suffix();
        var credential = (await Api.PostAsJsonAsync("/api/credentials", new CredentialInput($"cred-{suffix}", "insiderone", PartnerName, token, null)));
        credential.EnsureSuccessStatusCode();
        var destination = await Api.PostAsJsonAsync("/api/destinations", new DestinationInput($"dest-{suffix}", $"cred-{suffix}", segmentName, "email", null, SkipConnectionTest: true));
        destination.EnsureSuccessStatusCode();
        return ($"cred-{suffix}", $"dest-{suffix}");
    }

    public async Task<string> AddOrchestrationAsync(string destination, string query)
    {
        var name = $"orch-{Unique.Suffix()}";
        (await Api.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput(name, destination, query))).EnsureSuccessStatusCode();
        return name;
    }

    public async ValueTask<RunView> SendAsync(string destination, string query)
    {
        var response = await Api.PostAsJsonAsync("/api/sends", new SendRequest(destination, query));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunView>())!;
    }

    public Task<RunView> WaitForFinalAsync(Guid runId) =>
        Eventually.ValueAsync(
            async () => (await Api.GetFromJsonAsync<RunView>($"/api/runs/{runId}"))!,
            run => run.IsFinal,
            run => $"but run {runId} is still {run.State}: {run.Reason}",
            poll: TimeSpan.FromMilliseconds(100));

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        if (Herald is not null)
        {
            await Herald.DisposeAsync();
        }
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping component; the temp folder is cleaned eventually.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HeraldInBrowser>
{
    public const string Name = "browser";
}

public static class Unique
{
    public static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
