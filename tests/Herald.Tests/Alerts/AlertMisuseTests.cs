using System.Net;
using System.Net.Http.Json;
using Herald.Application.Alerts;
using Herald.Core.Network;
using Herald.Server.Alerts;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Alerts;

/// <summary>With the production settings, alert targets cannot be turned against Herald's own network, and bad input says what to change.</summary>
public sealed class AlertMisuseTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("http://hooks.example.com/alerts")]
    [InlineData("https://127.0.0.1/alerts")]
    [InlineData("https://localhost:8443/alerts")]
    [InlineData("https://10.1.2.3/alerts")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/alerts")]
    [InlineData("https://[fd00::5]/alerts")]
    [InlineData("https://user:password@hooks.example.com/alerts")]
    [InlineData("file:///etc/passwd")]
    public async Task WebhookToAnInternalOrInsecureUrl_IsRefusedWhenSaved(string url)
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/alerts",
            new AlertInput("hook", null, null, null, null, "webhook", Url: url, SigningSecret: AlertHarness.SigningSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _harness.Api.Http.GetStringAsync("/api/alerts")).ShouldBe("[]");
    }

    [Fact]
    public async Task SlackUrlRefused_IsNotRepeatedInTheAnswer()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/alerts",
            new AlertInput("slack", null, null, null, null, "slack", Url: "http://hooks.slack.com/services/T0/B0/PLAINTEXTSECRET"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("https://");
        body.ShouldNotContain("PLAINTEXTSECRET");
    }

    [Fact]
    public async Task BadRule_IsRefusedNamingEveryFieldToFix()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/alerts",
            new AlertInput("bad rule!", "orchestration", "no-such-orchestration", ["run-failed", "everything"], 1.5, "webhook",
                Url: "https://hooks.example.com/alerts", SigningSecret: "not-a-secret"));

        var error = await HeraldApi.ReadAsync<ApiProblem>(response, HttpStatusCode.BadRequest);
        error.Errors!.ShouldContain(e => e.Contains("may hold only letters"));
        error.Errors!.ShouldContain(e => e.Contains("No orchestration named 'no-such-orchestration'"));
        error.Errors!.ShouldContain(e => e.Contains("'everything' is not one Herald knows"));
        error.Errors!.ShouldContain(e => e.Contains("between 0 and 1"));
        error.Errors!.ShouldContain(e => e.Contains("whsec_"));
    }

    [Fact]
    public async Task EmailWithoutTls_IsRefusedUnlessInsecureTargetsAreAllowed()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/alerts", new AlertInput("mail", null, null, null, null, "email",
            EmailTo: ["ops@example.com"], EmailFrom: "herald@example.com", SmtpHost: "smtp.example.com", SmtpPort: 25, SmtpRequireTls: false));

        var error = await HeraldApi.ReadAsync<ApiProblem>(response, HttpStatusCode.BadRequest);
        error.Errors!.ShouldContain(e => e.Contains("Herald:Alerts:AllowInsecureTargets"));
    }

    [Fact]
    public async Task NameThatResolvesToLoopback_IsRefusedWhenConnecting()
    {
        var refusal = await Should.ThrowAsync<RefusedAddressException>(async () =>
            await AlertConnections.ConnectAsync(new DnsEndPoint("localhost", _harness.Herald.BaseUrl.Port), new AlertOptions(), CancellationToken.None));

        refusal.Message.ShouldContain("Herald:Alerts:AllowInsecureTargets");
    }

    [Fact]
    public async Task UnknownRule_IsNotFoundWithTheListCommand()
    {
        var response = await _harness.Api.Http.PostAsync("/api/alerts/nope/test", null);

        var error = await HeraldApi.ReadAsync<ApiProblem>(response, HttpStatusCode.NotFound);
        error.Detail!.ShouldContain("herald alert list");
    }
}
