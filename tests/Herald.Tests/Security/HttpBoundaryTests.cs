using System.Net;
using System.Net.Http.Json;
using System.Text;
using Herald.Server.Api;
using Herald.Storage.Files;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

/// <summary>
/// What the server refuses at its door: requests without the key before their body is read, bodies over their limit,
/// pages inside other sites' frames, file URLs that claim too long a life; and what it keeps to its own user on disk.
/// </summary>
public sealed class HttpBoundaryTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Api_WithAQueryParameterOutOfRange_SaysWhichParameterAndWhatItTakes()
    {
        var response = await _harness.Api.Http.GetAsync("/api/runs?limit=99999999999");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("'limit'");
        body.ShouldContain("whole number");
        body.ShouldNotContain("Send JSON");
    }

    [Fact]
    public async Task Api_WithoutTheKey_Is401BeforeItsBodyIsRead()
    {
        using var anonymous = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };

        var malformed = await anonymous.PostAsync("/api/credentials", new StringContent("{ not json", Encoding.UTF8, "application/json"));

        malformed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await malformed.Content.ReadAsStringAsync()).ShouldContain("X-Herald-Api-Key");
    }

    [Fact]
    public async Task Api_WithABodyOverTheLimit_Is413NamingTheSetting()
    {
        var huge = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var declared = await _harness.Api.Http.PostAsync("/api/credentials", new StringContent(huge, Encoding.UTF8, "application/json"));
        HttpStatusCode? streamed;
        var answer = "";
        try
        {
            var response = await _harness.Api.Http.PostAsync("/api/credentials", new ChunkedContent(huge));
            streamed = response.StatusCode;
            answer = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            // The server answered and stopped reading while the client was still writing: the connection broke, as it may.
            streamed = null;
        }

        declared.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await declared.Content.ReadAsStringAsync()).ShouldContain("Herald:Api:MaxRequestBytes");
        streamed.ShouldBeOneOf([HttpStatusCode.RequestEntityTooLarge, null], answer);
        (await _harness.Api.Http.GetStringAsync("/api/credentials")).ShouldNotContain("xxxxxxxx");
    }

    [Fact]
    public async Task Callback_WithABodyOverItsLimit_Is413()
    {
        using var insiderOne = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };
        var runId = Guid.NewGuid();

        var response = await insiderOne.PostAsync($"/callbacks/insider-one/{runId:N}/{InsiderOneCallbacks.SecretFor(_harness.Herald, runId)}",
            new StringContent(new string(' ', 20_000) + "{}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Herald:Api:MaxCallbackBytes");
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/health")]
    [InlineData("/api/credentials")]
    public async Task Answers_TellTheBrowserToStayOutOfFramesAndKeepNoCopy(string path)
    {
        var response = await _harness.Api.Http.GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task FileUrl_WhoseExpiryLiesBeyondTheLifetime_IsRefused()
    {
        var signer = _harness.Herald.Services.GetRequiredService<UrlSigner>();
        const string fileName = "audience-0123456789abcdef0123456789abcdef.csv";
        var farAway = DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeSeconds();

        using var insiderOne = new HttpClient { BaseAddress = _harness.Herald.BaseUrl };
        var response = await insiderOne.GetAsync($"{LocalFileHost.UrlPath}{fileName}?expires={farAway}&signature={signer.Sign(fileName, farAway)}");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Herald:Files:UrlLifetime");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataDirectory_AndEverythingInIt_AreTheOwnersOnly()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Owner only");
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360 LIMIT 5");
        run.State.ShouldBe("succeeded", run.Reason);

        File.GetUnixFileMode(_harness.DataDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = Directory.EnumerateFiles(_harness.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(path => path.EndsWith(".csv", StringComparison.Ordinal));
        files.ShouldAllBe(path => (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0);
    }

    /// <summary>A body sent without a Content-Length, so that only the streaming limit can stop it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly string text;

        public ChunkedContent(string text)
        {
            this.text = text;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
