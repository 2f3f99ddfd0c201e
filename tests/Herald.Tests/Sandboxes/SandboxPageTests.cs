using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Sandboxes;

/// <summary>
/// The sandbox page as a browser without JavaScript uses it, against a real server: its configuration file downloaded,
/// checked by a dry run that changes nothing, then applied; hostile values shown as text; a file over the limit or
/// malformed refused beside its field; another user's sandbox out of reach.
/// </summary>
public sealed class SandboxPageTests : IAsyncLifetime
{
    private const string Hostile = "<script>alert('sandbox')</script>";
    private const string Password = "a long sandbox page password 7";
    private const int MaxConfigurationBytes = 2048;

    private HeraldHarness _harness = null!;
    private UiClient _browser = null!;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Api:MaxConfigurationBytes"] = MaxConfigurationBytes.ToString() });
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        (await _harness.Api.Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        _browser = new UiClient(_harness.Herald.BaseUrl);
        (await _browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task ConfigurationFile_CheckedByADryRun_ShowsTheDifferenceEscaped_AndChangesNothing_ThenApplied()
    {
        var exportedByApi = await _harness.Api.Http.GetStringAsync("/api/sandboxes/trial/config");
        using var download = await _browser.Http.GetAsync("/sandboxes/trial?handler=Export");
        var file = await download.Content.ReadAsStringAsync();
        var changed = file.Replace("segmentName: VIP\n", "segmentName: VIP trial\n", StringComparison.Ordinal)
            .Replace("    credential: insider\n", $"    credential: insider\n    description: \"{Hostile}\"\n", StringComparison.Ordinal);

        using var dryRun = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Apply", new Dictionary<string, string> { ["dryRun"] = "true", ["Yaml"] = changed });
        var dryRunPage = await dryRun.Content.ReadAsStringAsync();
        var sandboxAfterDryRun = await _harness.Api.Http.GetStringAsync("/api/sandboxes/trial/config");
        using var applied = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Apply", new Dictionary<string, string> { ["dryRun"] = "false", ["Yaml"] = changed });
        var page = await _browser.Http.GetStringAsync("/sandboxes/trial");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName.ShouldBe("herald-sandbox-trial.yaml");
        file.ShouldBe(exportedByApi);
        dryRun.StatusCode.ShouldBe(HttpStatusCode.OK);
        dryRunPage.ShouldContain("id=\"dry-run-summary\">0 added, 1 changed, 0 removed<");
        dryRunPage.ShouldContain("&lt;script&gt;alert(&#x27;sandbox&#x27;)&lt;/script&gt;");
        dryRunPage.ShouldNotContain(Hostile);
        sandboxAfterDryRun.ShouldBe(file, "a dry run changes nothing");
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        applied.Headers.Location!.OriginalString.ShouldBe("/sandboxes/trial");
        (await _harness.Api.Http.GetStringAsync("/api/sandboxes/trial/config")).ShouldContain("segmentName: VIP trial\n");
        page.ShouldContain("id=\"to-promote-summary\">0 added, 1 changed, 0 removed<");
        page.ShouldContain("&lt;script&gt;alert(&#x27;sandbox&#x27;)&lt;/script&gt;");
        page.ShouldNotContain(Hostile);
        (await _harness.Api.Http.GetStringAsync("/api/config")).ShouldContain("segmentName: VIP\n", Case.Sensitive, "production is not touched");
    }

    [Fact]
    public async Task SandboxToken_EnteredOnThePage_IsTriedFirst_KeptForTheSandbox_AndNeverPutBackIntoThePage()
    {
        const string refusedToken = "page-token-insider-one-refuses";

        using var refused = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Secret",
            new Dictionary<string, string> { ["credential"] = "insider", ["token"] = refusedToken });
        var refusedPage = await refused.Content.ReadAsStringAsync();
        var afterRefusal = (await _harness.Api.Http.GetFromJsonAsync<SandboxView[]>("/api/sandboxes", HeraldApi.Json))!.Single();
        using var entered = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Secret",
            new Dictionary<string, string> { ["credential"] = "insider", ["token"] = "demo-token" });
        var page = await _browser.Http.GetStringAsync("/sandboxes/trial");

        refusedPage.ShouldContain("The secret was not saved");
        refusedPage.ShouldNotContain(refusedToken);
        afterRefusal.OwnSecrets.ShouldBeEmpty();
        entered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.ShouldContain("the token entered for the sandbox");
        page.ShouldContain("<td>the sandbox&#x27;s own</td>");
        page.ShouldNotContain("demo-token");
        (await _harness.Api.Http.GetFromJsonAsync<SandboxView[]>("/api/sandboxes", HeraldApi.Json))!.Single().OwnSecrets.ShouldBe(["insider"]);
    }

    [Fact]
    public async Task ConfigurationFile_OverTheLimitOrMalformed_IsRefusedBesideItsField_AndNothingChanges()
    {
        var before = await _harness.Api.Http.GetStringAsync("/api/sandboxes/trial/config");
        var oversized = before + "# " + new string('x', MaxConfigurationBytes) + "\n";

        using var tooLarge = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Apply", new Dictionary<string, string> { ["dryRun"] = "false", ["Yaml"] = oversized });
        using var malformed = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Apply", new Dictionary<string, string> { ["dryRun"] = "false", ["Yaml"] = "version: 1\ndestinations: [unclosed\n" });
        using var empty = await _browser.PostFormAsync("/sandboxes/trial", "/sandboxes/trial?handler=Apply", new Dictionary<string, string> { ["dryRun"] = "true", ["Yaml"] = " " });

        tooLarge.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorsBesideTheFile(await tooLarge.Content.ReadAsStringAsync()).ShouldContain($"at most {MaxConfigurationBytes:N0} bytes (Herald:Api:MaxConfigurationBytes)");
        malformed.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorsBesideTheFile(await malformed.Content.ReadAsStringAsync()).ShouldContain("line");
        ErrorsBesideTheFile(await empty.Content.ReadAsStringAsync()).ShouldContain("Paste a configuration file");
        (await _harness.Api.Http.GetStringAsync("/api/sandboxes/trial/config")).ShouldBe(before);
    }

    [Fact]
    public async Task SandboxOfAnotherUser_IsNotListedNorReachable_ForAUserWithoutSandboxAdministration()
    {
        (await _harness.Api.Http.PostAsJsonAsync("/api/users", new UserInput("ayse", Password, ["User"]))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var user = new UiClient(_harness.Herald.BaseUrl);
        (await user.SignInWithPasswordAsync("ayse", Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var list = await user.Http.GetStringAsync("/sandboxes");
        using var page = await user.Http.GetAsync("/sandboxes/trial");
        using var download = await user.Http.GetAsync("/sandboxes/trial?handler=Export");
        using var promote = await user.PostFormAsync("/sandboxes", "/sandboxes/trial?handler=Promote", new Dictionary<string, string> { ["Message"] = "mine now" });
        var refusal = await user.Http.GetStringAsync(promote.Headers.Location!);

        list.ShouldNotContain("data-sandbox=\"trial\"");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        download.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refusal.ShouldContain("may not do sandbox:admin");
        (await _harness.Api.Http.GetStringAsync("/api/config")).ShouldContain("segmentName: VIP\n");
    }

    private static string ErrorsBesideTheFile(string page)
    {
        var at = page.IndexOf("id=\"Yaml-error\"", StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, "the page shows the file's field");
        return page[at..page.IndexOf("</div>", at, StringComparison.Ordinal)];
    }
}
