using Herald.Tests.Shared;
using Herald.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Simulator.Tests;

/// <summary>Callbacks not answered 2xx are tried again, with a doubling delay, up to CallbackAttempts; a 4xx is final.</summary>
public sealed class CallbackDeliveryTests
{
    [Fact]
    public async Task Callback_AnsweredFirstWith503_IsRetriedUntilDelivered()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Herald.AnswerCallbacksWith(503, 502);

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        scenario.Herald.Callbacks.Select(callback => callback.AnsweredStatus).ShouldBe([503, 502, 200]);
        scenario.Simulator.Callbacks.Select(callback => (callback.Attempt, callback.Status)).ShouldBe([(1, 503), (2, 502), (3, 200)]);
        scenario.Herald.Callbacks.Select(callback => callback.Body).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Callback_ToClosedPort_IsRetriedAndDeliveredOnceTheReceiverIsUp()
    {
        await using var scenario = await Scenario.StartAsync(options => options.CallbackRetryDelay = TimeSpan.FromMilliseconds(300));
        var port = ClosedPort.Find();
        var callbackUrl = $"http://127.0.0.1:{port}/callbacks/late";

        await scenario.Api.UploadAsync("VIP", scenario.Herald.HostValues("a@example.com"), callbackUrl);
        await Eventually.TrueAsync(() => scenario.Simulator.Callbacks.Count >= 1, "the simulator has tried the callback once");
        await using var lateReceiver = await HeraldStandIn.StartAsync(port);
        await scenario.WaitForIdleAsync();

        var attempts = scenario.Simulator.Callbacks;
        attempts[0].Status.ShouldBeNull();
        attempts[0].Error.ShouldNotBeNullOrEmpty();
        attempts[^1].Status.ShouldBe(200);
        lateReceiver.Callbacks.ShouldHaveSingleItem().SegmentName.ShouldBe("VIP");
    }

    [Fact]
    public async Task Callback_NeverAnswered2xx_GivesUpAfterCallbackAttempts()
    {
        await using var scenario = await Scenario.StartAsync(options => options.CallbackAttempts = 3);
        scenario.Herald.AnswerCallbacksWith(500, 500, 500, 500);

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        scenario.Herald.Callbacks.Count.ShouldBe(3);
        scenario.Simulator.Callbacks.Select(callback => callback.Attempt).ShouldBe([1, 2, 3]);
        scenario.Simulator.Callbacks.ShouldAllBe(callback => !callback.Succeeded);
    }

    [Fact]
    public async Task Callback_Answered4xx_IsNotRetried()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Herald.AnswerCallbacksWith(404);

        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");

        scenario.Herald.Callbacks.ShouldHaveSingleItem().AnsweredStatus.ShouldBe(404);
        scenario.Simulator.Callbacks.ShouldHaveSingleItem().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Callback_Retries_WaitTheRetryDelayDoublingEachTime()
    {
        var clock = new FakeTimeProvider();
        await using var scenario = await Scenario.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.ProcessingDelay = TimeSpan.Zero;
            options.CallbackRetryDelay = TimeSpan.FromSeconds(30);
        });
        scenario.Herald.AnswerCallbacksWith(503, 503);

        await scenario.Api.UploadAsync("VIP", scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl);
        await clock.AdvanceUntilAsync(() => scenario.Simulator.Callbacks.Count == 3, "the third callback attempt");

        var attempts = scenario.Simulator.Callbacks;
        attempts.Select(a => (a.Attempt, a.Status)).ShouldBe([(1, 503), (2, 503), (3, 200)]);
        (attempts[1].At - attempts[0].At).ShouldLastAtLeast(TimeSpan.FromSeconds(30));
        (attempts[2].At - attempts[1].At).ShouldLastAtLeast(TimeSpan.FromSeconds(60));
    }
}
