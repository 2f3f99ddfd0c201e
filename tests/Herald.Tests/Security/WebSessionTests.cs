using System.Net;
using Herald.Tests.Support;

namespace Herald.Tests.Security;

/// <summary>
/// The web UI's session: guessing the key is throttled, signing out ends the session on the server (a copied cookie
/// stops working), a sign-in only ever sends the browser to Herald's own pages, and the cookie is Secure behind a TLS proxy.
/// </summary>
public sealed class WebSessionTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Herald:Web:KnownProxies:0"] = "127.0.0.1",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SignIn_AfterTooManyWrongKeys_IsRefusedEvenWithTheRightKey()
    {
        // A server of its own: its throttled address must not slow the other tests down.
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:Web:SignInFailuresPerMinute"] = "3" });
        using var guesser = new UiClient(harness.Herald.BaseUrl);
        for (var guess = 0; guess < 3; guess++)
        {
            (await guesser.SignInAsync($"wrong-key-{guess}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await guesser.SignInAsync(harness.Herald.ApiKey);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Herald:Web:SignInFailuresPerMinute");
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopiedCookieStopsWorking()
    {
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var copied = browser.Cookies.GetCookies(_harness.Herald.BaseUrl)["herald.session"].ShouldNotBeNull().Value;
        (await browser.Http.GetAsync("/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await browser.PostFormAsync("/runs", "/signout", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var thief = new UiClient(_harness.Herald.BaseUrl);
        thief.Cookies.Add(_harness.Herald.BaseUrl, new Cookie("herald.session", copied));
        var replayed = await thief.Http.GetAsync("/runs");
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/signin");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_WithAReturnUrlToAnotherSite_GoesHome(string returnUrl)
    {
        using var browser = new UiClient(_harness.Herald.BaseUrl);

        var response = await browser.SignInAsync(_harness.Herald.ApiKey, returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task SignIn_ThroughAKnownTlsProxy_SetsASecureCookie()
    {
        using var browser = new UiClient(_harness.Herald.BaseUrl);

        var response = await browser.SignInAsync(_harness.Herald.ApiKey, headers: [new("X-Forwarded-Proto", "https")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").ShouldContain(cookie => cookie.StartsWith("herald.session=") && cookie.Contains("secure"));
    }

    [Fact]
    public async Task SignIn_OverPlainHttpWithoutAProxy_SetsNoSecureCookie()
    {
        await using var direct = await HeraldHarness.StartAsync();
        using var browser = new UiClient(direct.Herald.BaseUrl);

        var response = await browser.SignInAsync(direct.Herald.ApiKey, headers: [new("X-Forwarded-Proto", "https")]);

        response.Headers.GetValues("Set-Cookie").ShouldContain(cookie => cookie.StartsWith("herald.session=") && !cookie.Contains("secure"));
    }

    [Fact]
    public async Task DiffSampleDownload_NeutralisesFormulas_WhileInsiderOneGetsTheValuesAsTheyAre()
    {
        string[] values = ["=1+1@example.com", "+2@example.com", "-3@example.com", "@4@example.com", "plain@example.com"];
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Formulas");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, string.Join(" UNION ALL ", values.Select(v => $"SELECT '{v}' AS email")));
        run.State.ShouldBe("succeeded", run.Reason);
        using var browser = new UiClient(_harness.Herald.BaseUrl);
        (await browser.SignInAsync(_harness.Herald.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var download = await browser.Http.GetAsync($"/runs/{run.Id}?handler=DiffSample");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("added,'=1+1@example.com");
        lines.ShouldContain("added,'+2@example.com");
        lines.ShouldContain("added,'-3@example.com");
        lines.ShouldContain("added,'@4@example.com");
        lines.ShouldContain("added,plain@example.com");
        _harness.Simulator.Segments.Single(s => s.Name == "Formulas").Values.ShouldBe(values, ignoreOrder: true);
    }
}
