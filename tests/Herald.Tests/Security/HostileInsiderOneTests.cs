using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Security;

/// <summary>
/// Insider One's answers are input like any other: a download URL, a redirect, a file or an answer of any size, an
/// error that echoes the token. Herald fetches only what it should, reads only what it can hold, and records no secret.
/// </summary>
public sealed class HostileInsiderOneTests : IAsyncLifetime
{
    private const string Token = "tok-5ecret-0f-the-credential";
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";

    private HostileInsiderOne _insiderOne = null!;
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _insiderOne = await HostileInsiderOne.StartAsync();
        _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Herald:InsiderOne:BaseUrl"] = _insiderOne.BaseUrl.ToString(),
            ["Herald:InsiderOne:MaxFileBytes"] = "100000",
            ["Herald:InsiderOne:DownloadHosts:0"] = "localhost",
            ["Herald:InsiderOne:DownloadHosts:1"] = "198.18.0.1",
        });
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _insiderOne.DisposeAsync();
    }

    [Fact]
    public async Task AddMode_WhenTheDownloadUrlPointsAtAnInternalService_FetchesNothingAndUploadsNothing()
    {
        _insiderOne.Download = HostileInsiderOne.HandsOut(new Uri(_harness.Herald.BaseUrl, "api/health?.csv").ToString());

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("Herald:InsiderOne:DownloadHosts");
        run.Calls.ShouldNotContain(call => call.Operation == "download file" && call.Status != null);
        _insiderOne.Uploads.ShouldBe(0);
    }

    [Fact]
    public async Task AddMode_WhenTheFileRedirects_DoesNotFollowIt()
    {
        var internalUrl = new Uri(_harness.Herald.BaseUrl, "api/health?.csv").ToString();
        _insiderOne.Download = HostileInsiderOne.HandsOut(new Uri(_insiderOne.BaseUrl, "files/current.csv").ToString());
        _insiderOne.File = context => Results.Redirect(internalUrl).ExecuteAsync(context);

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("redirect");
        run.Calls.Count(call => call.Operation == "download file").ShouldBe(1, "a refused redirect is not retried");
        _insiderOne.Uploads.ShouldBe(0);
    }

    [Fact]
    public async Task AddMode_WhenTheDownloadUrlIsInTheBenchmarkingNetwork_RefusesToConnect()
    {
        _insiderOne.Download = HostileInsiderOne.HandsOut("https://198.18.0.1/current.csv");

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("internal address");
        _insiderOne.Uploads.ShouldBe(0);
    }

    [Fact]
    public async Task AddMode_WhenAnAllowedHostResolvesToAnInternalAddress_RefusesToConnect()
    {
        // 'localhost' is a download host here, as a name that an attacker's DNS answers with 127.0.0.1 would be.
        _insiderOne.Download = HostileInsiderOne.HandsOut($"https://localhost:{_harness.Herald.BaseUrl.Port}/current.csv");

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("internal address");
        run.Calls.Count(call => call.Operation == "download file").ShouldBe(1, "a refused address is not retried");
        _insiderOne.Uploads.ShouldBe(0);
    }

    [Fact]
    public async Task AddMode_WhenTheDownloadNeverEnds_StopsPastTheLimitAndLeavesNoFile()
    {
        _insiderOne.Download = HostileInsiderOne.HandsOut(new Uri(_insiderOne.BaseUrl, "files/current.csv").ToString());
        _insiderOne.File = context => HostileInsiderOne.EndlessAsync(context, StatusCodes.Status200OK);

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("Herald:InsiderOne:MaxFileBytes");
        _insiderOne.Uploads.ShouldBe(0);
        Directory.EnumerateFiles(_harness.DataDirectory, "current-*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_WhenTheAnswerNeverEnds_ReadsABoundedPartAndRecordsItCut()
    {
        _insiderOne.Upload = context => HostileInsiderOne.EndlessAsync(context, StatusCodes.Status400BadRequest);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Endless answer", token: Token);

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().Length.ShouldBeLessThan(4_000);
        var upload = run.Calls.First(call => call.Operation == "upload");
        upload.Status.ShouldBe(400);
        upload.Response.ShouldNotBeNull().Length.ShouldBeLessThan(1_000);
    }

    [Fact]
    public async Task Upload_WhenInsiderOneEchoesTheToken_RecordsNoSecret()
    {
        _insiderOne.Upload = context => Results.Json(new { statusMessage = $"token {Token} is not valid for this partner" }, statusCode: 400).ExecuteAsync(context);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Echoed token", token: Token);

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("is not valid for this partner");
        var recorded = await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}");
        recorded.ShouldNotContain(Token);
        recorded.ShouldContain("***");
    }

    [Fact]
    public async Task Upload_WhenInsiderOneEchoesTheTokenSpelledInJsonEscapes_RecordsNoSecret()
    {
        // Valid JSON for the same string: a JSON reader (Herald's own, a person's tool) decodes it back to the token.
        var escaped = string.Concat(Token.Select(c => $"\\u{(int)c:x4}"));
        _insiderOne.Upload = context => Results.Text($"{{\"statusMessage\": \"token {escaped} is not valid for this partner\"}}", "application/json", statusCode: 400)
            .ExecuteAsync(context);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Escaped echo", token: Token);

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Reason.ShouldNotBeNull().ShouldContain("is not valid for this partner");
        run.Reason.ShouldNotContain(Token);
        var recorded = await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}");
        recorded.ShouldNotContain(Token);
        System.Text.RegularExpressions.Regex.Unescape(recorded).ShouldNotContain(Token);
    }

    [Fact]
    public async Task AddMode_ValuesReadBackThatBreakTheAudienceRules_AreNeverMergedNorReSent()
    {
        _insiderOne.Download = HostileInsiderOne.HandsOut(new Uri(_insiderOne.BaseUrl, "files/current.csv").ToString());
        _insiderOne.File = context => Results.Text("kept@example.com\nnot-an-email\nsmuggled,extra@example.com\n").ExecuteAsync(context);
        string? resent = null;
        _insiderOne.Upload = async context =>
        {
            // Fetch the file Herald offers, as Insider One would, then refuse: the run's file is what matters here.
            using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            using var fetch = new HttpClient();
            resent = await fetch.GetStringAsync(body.RootElement.GetProperty("fileUrl").GetString());
            await Results.Json(new { statusMessage = "refused" }, statusCode: 400).ExecuteAsync(context);
        };

        var run = await SendInAddModeAsync();

        run.State.ShouldBe("failed");
        resent.ShouldNotBeNull().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldContain("kept@example.com");
        resent.ShouldNotContain("not-an-email");
        resent.ShouldNotContain("smuggled");
    }

    private async Task<RunView> SendInAddModeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await _harness.Api.AddCredentialAsync($"cred-{suffix}", token: Token);
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
            new DestinationInput($"dest-{suffix}", $"cred-{suffix}", $"Segment {suffix}", "email", null, UpdateMode: "add"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await _harness.Api.SendAndWaitAsync($"dest-{suffix}", Query);
    }
}
