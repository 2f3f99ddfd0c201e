using Herald.Server.Api;
using Herald.Server.Web.Display;

namespace Herald.Tests.Server;

/// <summary>The run page's retry lines come from the recorded calls' status and attempt, never from the last step's text.</summary>
public sealed class RetriesDisplayTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Live_WhileAnUploadIsRetried_SaysInsiderOneIsUnavailable_AndWhichRetryOfHowMany()
    {
        var run = Run("submitting", Call("upload", 1, 503), Call("upload", 2, 503), Call("upload", 3, 503), Call("upload", 4, 503));

        Retries.Live(run, maxRetries: 7).ShouldBe("Insider One unavailable (503), retry 4 of 7.");
        Retries.Live(run with { State = "failed" }, maxRetries: 7).ShouldBeNull();
        Retries.Live(Run("submitting", Call("upload", 1, 200)), maxRetries: 7).ShouldBeNull();
        Retries.Live(run, maxRetries: 3).ShouldBeNull("no retry is left after the fourth attempt of four");
    }

    [Fact]
    public void After_ASucceededRunThatWasRetried_SaysHowManyTimesAndWhy()
    {
        var run = Run("succeeded", Call("find segment", 1, 404), Call("upload", 1, 503), Call("upload", 2, 503), Call("upload", 3, 200));

        Retries.After(run).ShouldBe("Succeeded after 2 retries: Insider One answered 503 twice before accepting.");
        Retries.After(Run("succeeded", Call("upload", 1, 200))).ShouldBeNull();
    }

    private static RunCallView Call(string operation, int attempt, int? status) =>
        new(At.AddSeconds(attempt), operation, attempt, "POST /segments", status, null, 10, "recorded");

    private static RunView Run(string state, params RunCallView[] calls) =>
        new(Guid.NewGuid(), state, "reason", null, null, new NamedRef(Guid.NewGuid(), "vip"), null, "SELECT 1", "VIP", "email", "api",
            At, At, null, null, null, null, null, null, null, [], calls);
}
