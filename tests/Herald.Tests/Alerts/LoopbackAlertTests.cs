using Herald.Tests.Support;

namespace Herald.Tests.Alerts;

/// <summary>A Herald allowed to alert loopback receivers (Herald:Alerts:AllowInsecureTargets) and a signed-webhook receiver, per test.</summary>
public abstract class LoopbackAlertTests : IAsyncLifetime
{
    protected HeraldHarness Harness { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(AlertHarness.SigningSecret);
        Harness = await HeraldHarness.StartAsync(settings: AlertHarness.LoopbackSettings);
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
