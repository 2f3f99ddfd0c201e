using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Alerts;
using Herald.Tests.Shared;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Herald.Tests.Telemetry;

/// <summary>What Herald logs while a run fails and alerts go out: the run id in scope, and never a token, a channel secret or a password.</summary>
public sealed class LogTests : IAsyncLifetime
{
    private const string Token = "wrong-token-5b8e2c7d9a";
    private const string SlackSecretPath = "/services/T9/B9/LOGSECRET77";
    private readonly RecordedLogs _logs = new();
    private HeraldHarness _harness = null!;
    private WebhookReceiver _slack = null!;
    private WebhookReceiver _signed = null!;

    public async Task InitializeAsync()
    {
        _slack = await WebhookReceiver.StartAsync(secret: null);
        _signed = await WebhookReceiver.StartAsync(AlertHarness.SigningSecret);
        var settings = new Dictionary<string, string?>(AlertHarness.LoopbackSettings)
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Herald:Alerts:MaxAttempts"] = "2",
        };
        _harness = await HeraldHarness.StartAsync(settings: settings, logSink: _logs);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _slack.DisposeAsync();
        await _signed.DisposeAsync();
    }

    [Fact]
    public async Task FailedRunAndFailedAlerts_LogTheRunIdInScope_AndNoSecret()
    {
        // The receiver echoes the secret URL back in its error, twice, until Herald gives up.
        for (var i = 0; i < 2; i++)
        {
            _slack.ThenAnswer(async context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync($"bad hook {_slack.BaseUrl.AbsoluteUri.TrimEnd('/')}{context.Request.Path}");
            });
        }
        await _harness.Api.AddAlertAsync(new AlertInput("log-slack", null, null, null, null, "slack", Url: new Uri(_slack.BaseUrl, SlackSecretPath).AbsoluteUri));
        await _harness.Api.AddAlertAsync(new AlertInput("log-hook", null, null, null, null, "webhook",
            Url: new Uri(_signed.BaseUrl, "/signed").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Logged", token: Token);

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, AlertHarness.Gold);
        run.State.ShouldBe("failed");
        await Eventually.TrueAsync(async () => (await _harness.Api.GetAlertAsync("log-slack")).Deliveries is [{ State: "gave_up" }], "the Slack alert is given up");

        var all = _logs.AllText;
        _logs.Entries.ShouldContain(e => e.Scopes.Contains($"RunId={run.Id}") && e.Message.Contains("Run step"));
        all.ShouldNotContain(Token);
        all.ShouldNotContain("LOGSECRET77");
        all.ShouldNotContain(AlertHarness.SigningSecret["whsec_".Length..]);
    }
}
