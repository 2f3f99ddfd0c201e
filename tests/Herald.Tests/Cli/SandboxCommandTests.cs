using System.Net;
using System.Net.Http.Json;
using Herald.Tests.Support;

namespace Herald.Tests.Cli;

/// <summary><c>herald sandbox</c> and <c>herald config --sandbox</c> as a user types them, against a real server.</summary>
public sealed class SandboxCommandTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;
    private TestDirectory _files = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        _files = new TestDirectory("sandbox-files");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task CreateChangeDiffPromote_FromTheCommandLine_MakesProductionHoldTheSandbox()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");

        var created = await RunAsync("sandbox", "create", "trial");
        var exported = await RunAsync("config", "export", "--sandbox", "trial");
        var file = _files.File("trial.yaml");
        await File.WriteAllTextAsync(file, exported.Output.Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal));
        var applied = await RunAsync("config", "apply", file, "--sandbox", "trial");
        var diff = await RunAsync("sandbox", "diff", "trial");
        var listed = await RunAsync("sandbox", "list");
        var productionBefore = await RunAsync("config", "export");
        var promoted = await RunAsync("sandbox", "promote", "trial", "--message", "rename the VIP segment", "--delete");
        var productionAfter = await RunAsync("config", "export");

        created.ExitCode.ShouldBe(0, created.ToString());
        created.Output.ShouldContain("segment names start with 'sandbox-trial-'");
        applied.ExitCode.ShouldBe(0, applied.ToString());
        diff.ExitCode.ShouldBe(0, diff.ToString());
        diff.Output.ShouldContain("promoting would change: 0 added, 1 changed, 0 removed.");
        diff.Output.ShouldContain("settings.segmentName: \"VIP\" -> \"VIP trial\"");
        listed.Output.ShouldContain("trial  owner admin");
        productionBefore.Output.ShouldContain("segmentName: VIP\n");
        promoted.ExitCode.ShouldBe(0, promoted.ToString());
        promoted.Output.ShouldContain("Promoted: 0 added, 1 changed, 0 removed.");
        productionAfter.Output.ShouldContain("segmentName: VIP trial\n");
        (await RunAsync("sandbox", "list")).Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pull_WithAConflict_ListsIt_ThenTakesTheChosenSide()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        await RunAsync("sandbox", "create", "trial");
        var file = _files.File("trial.yaml");
        await File.WriteAllTextAsync(file, (await RunAsync("config", "export", "--sandbox", "trial")).Output.Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal));
        await RunAsync("config", "apply", file, "--sandbox", "trial");
        (await _harness.Api.Http.PutAsJsonAsync("/api/destinations/vip", new Herald.Server.Api.DestinationUpdate(null, "VIP prod", null, null, SkipConnectionTest: true)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var unresolved = await RunAsync("sandbox", "pull", "trial");
        var resolved = await RunAsync("sandbox", "pull", "trial", "--take", "destination/vip/settings.segmentName=production");

        unresolved.ExitCode.ShouldNotBe(0);
        unresolved.Error.ShouldContain("destination/vip/settings.segmentName: production has \"VIP prod\", the sandbox \"VIP trial\"");
        resolved.ExitCode.ShouldBe(0, resolved.ToString());
        resolved.Output.ShouldContain("promoting would change: 0 added, 0 changed, 0 removed.");
        (await RunAsync("config", "export", "--sandbox", "trial")).Output.ShouldContain("segmentName: VIP prod\n");
    }

    [Fact]
    public async Task RunInASandbox_FromTheCommandLine_AsksForTheSecretThenSendsUnderThePrefix()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations", new Herald.Server.Api.OrchestrationInput("vip-daily", "vip", "SELECT email FROM Customer_360")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await RunAsync("sandbox", "create", "trial");

        var set = await RunAsync("sandbox", "set", "trial", "--segment-prefix", "try-");
        var withoutSecret = await RunAsync("sandbox", "run", "trial", "vip-daily");
        var copied = await RunAsync("sandbox", "copy-secret", "trial", "insider");
        var run = await RunAsync("sandbox", "run", "trial", "vip-daily", "--wait");

        set.ExitCode.ShouldBe(0, set.ToString());
        set.Output.ShouldContain("segment names start with 'try-'; runs send test audiences only.");
        withoutSecret.ExitCode.ShouldNotBe(0);
        withoutSecret.Error.ShouldContain("herald sandbox copy-secret trial insider");
        copied.ExitCode.ShouldBe(0, copied.ToString());
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("in sandbox trial");
        _harness.Simulator.Segments.ShouldHaveSingleItem().Name.ShouldBe("try-VIP");
    }

    [Fact]
    public async Task Secret_FromStandardInput_IsTriedAndKeptInTheSandbox_NeverPrinted_AndNeverTakenAsAnOptionValue()
    {
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await RunAsync("sandbox", "create", "trial")).ExitCode.ShouldBe(0);
        var environment = Environment();

        var refused = await CliRunner.RunAsync(environment, ["sandbox", "secret", "trial", "insider", "--api-token-stdin"], standardInput: "not-the-token\n");
        var withoutSource = await RunAsync("sandbox", "secret", "trial", "insider");
        var entered = await CliRunner.RunAsync(environment, ["sandbox", "secret", "trial", "insider", "--api-token-stdin"], standardInput: "demo-token\n");
        var listed = await RunAsync("sandbox", "list", "--json");

        refused.ExitCode.ShouldNotBe(0, refused.ToString());
        refused.Error.ShouldContain("The secret was not saved");
        withoutSource.ExitCode.ShouldNotBe(0);
        withoutSource.Error.ShouldContain("--api-token-stdin");
        entered.ExitCode.ShouldBe(0, entered.ToString());
        entered.Output.ShouldContain("now holds its own secret of 'insider'");
        listed.Output.ShouldContain("\"ownSecrets\": [\n      \"insider\"");
        foreach (var result in new[] { refused, entered, listed })
        {
            result.AllOutput.ShouldNotContain("demo-token");
            result.AllOutput.ShouldNotContain("not-the-token");
        }
    }

    [Fact]
    public async Task Open_PrintsTheSandboxPageAddress_UnderTheServersPath_AndRefusesANameThatIsNotASandbox()
    {
        await RunAsync("sandbox", "create", "vip-trial");

        var opened = await RunAsync("sandbox", "open", "vip-trial");
        var missing = await RunAsync("sandbox", "open", "no-such-sandbox");

        opened.ExitCode.ShouldBe(0, opened.ToString());
        var address = new Uri(opened.Output.Trim());
        address.ShouldBe(new Uri(_harness.Herald.BaseUrl, "/sandboxes/vip-trial"));
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.Http.GetStringAsync(address);
        page.ShouldContain("<h1>Sandbox vip-trial</h1>");
        missing.ExitCode.ShouldNotBe(0);
        missing.Output.ShouldBeEmpty();
        missing.Error.ShouldContain("There is no sandbox named 'no-such-sandbox'");
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Environment(), args);

    private Dictionary<string, string?> Environment() => new()
    {
        ["HERALD_SERVER"] = _harness.Herald.BaseUrl.ToString(),
        ["HERALD_API_KEY"] = _harness.Herald.ApiKey,
    };
}
