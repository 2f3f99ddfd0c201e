using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Shared;
using Herald.Tests.Support;

namespace Herald.Tests.Alerts;

/// <summary>
/// Alerts say when something changes, not every time it stays broken: the first failure alerts, the second does not
/// (not even after a restart), and the first success after it sends a recovery notice. Signed webhooks, verified by the
/// StandardWebhooks library in a real receiver on loopback.
/// </summary>
public sealed class AlertStateChangeTests : LoopbackAlertTests
{
    [Fact]
    public async Task FailingDestination_AlertsOnTheFirstFailureOnly_AndSendsARecoveryOnSuccess()
    {
        var destination = await AddFailingDestinationAsync("alerted");
        await Harness.Api.AddAlertAsync(new AlertInput("ops-hook", "destination", destination, null, null, "webhook",
            Url: new Uri(Receiver.BaseUrl, "/alerts").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));

        var first = await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold);
        first.State.ShouldBe("failed");
        await Eventually.TrueAsync(() => Receiver.Verified.Count == 1, "the first failure's alert arrived, signed");
        var second = await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold);
        second.State.ShouldBe("failed");
        await FixTokenAsync(destination);
        var third = await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold);
        third.State.ShouldBe("succeeded");
        await Eventually.TrueAsync(() => Receiver.Verified.Count == 2, "the recovery notice arrived, signed");

        var events = Receiver.Verified.ToArray();
        events[0].GetProperty("type").GetString().ShouldBe("herald.alert.run-failed");
        events[0].GetProperty("data").GetProperty("runId").GetGuid().ShouldBe(first.Id);
        events[0].GetProperty("data").GetProperty("text").GetString()!.ShouldContain("401");
        events[1].GetProperty("type").GetString().ShouldBe("herald.alert.recovered");
        events[1].GetProperty("data").GetProperty("runId").GetGuid().ShouldBe(third.Id);
        Receiver.Requests.ShouldAllBe(r => r.SignatureValid);
        (await Harness.Api.GetAlertAsync("ops-hook")).Deliveries.Select(d => d.Event).ShouldBe(["recovered", "run-failed"]);
    }

    [Fact]
    public async Task Restart_RemembersTheFailure_SoTheSameFailureIsNotAlertedAgain()
    {
        var destination = await AddFailingDestinationAsync("restarted");
        await Harness.Api.AddAlertAsync(new AlertInput("global-hook", null, null, ["run-failed"], null, "webhook",
            Url: new Uri(Receiver.BaseUrl, "/global").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));
        (await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold)).State.ShouldBe("failed");
        await Eventually.TrueAsync(() => Receiver.Verified.Count == 1, "the first failure's alert arrived");

        await Harness.RestartAsync(AlertHarness.LoopbackSettings);
        (await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold)).State.ShouldBe("failed");
        await FixTokenAsync(destination);
        (await Harness.Api.SendAndWaitAsync(destination, AlertHarness.Gold)).State.ShouldBe("succeeded");
        await Eventually.TrueAsync(() => Receiver.Verified.Count == 2, "the recovery notice arrived");

        Receiver.Verified.Select(e => e.GetProperty("type").GetString()).ShouldBe(["herald.alert.run-failed", "herald.alert.recovered"]);
    }

    [Fact]
    public async Task PausedSchedule_AlertsOncePerPause()
    {
        var destination = await AddFailingDestinationAsync("paused");
        await Harness.Api.AddAlertAsync(new AlertInput("pause-hook", null, null, ["schedule-paused"], null, "webhook",
            Url: new Uri(Receiver.BaseUrl, "/pause").AbsoluteUri, SigningSecret: AlertHarness.SigningSecret));
        var pauses = (Herald.Application.Alerts.ISchedulePauseAlerts)Harness.Herald.Services.GetService(typeof(Herald.Application.Alerts.ISchedulePauseAlerts))!;
        var orchestration = Guid.NewGuid();
        var destinationId = (await Harness.Api.Http.GetFromJsonAsync<DestinationView>($"/api/destinations/{destination}", HeraldApi.Json))!.Id;

        await pauses.SchedulePausedAsync(orchestration, "nightly-gold", destinationId, "3 runs failed in a row.", CancellationToken.None);
        await pauses.SchedulePausedAsync(orchestration, "nightly-gold", destinationId, "3 runs failed in a row.", CancellationToken.None);
        await Eventually.TrueAsync(() => Receiver.Verified.Count == 1, "the pause's alert arrived");

        var details = await Harness.Api.GetAlertAsync("pause-hook");
        details.Deliveries.Count.ShouldBe(1, "the second call reports the same pause");
        details.Deliveries[0].Text.ShouldContain("nightly-gold");
        details.Deliveries[0].Text.ShouldContain("3 runs failed in a row.");
    }

    private async Task<string> AddFailingDestinationAsync(string name)
    {
        await Harness.Api.AddCredentialAsync($"cred-{name}", token: "wrong-token");
        return (await Harness.Api.AddDestinationAsync($"dest-{name}", $"cred-{name}", $"Alerts {name}")).Name;
    }

    private async Task FixTokenAsync(string destination)
    {
        var credential = destination.Replace("dest-", "cred-");
        var response = await Harness.Api.Http.PutAsJsonAsync($"/api/credentials/{credential}", new CredentialUpdate(null, "demo-token", null));
        response.EnsureSuccessStatusCode();
    }
}
