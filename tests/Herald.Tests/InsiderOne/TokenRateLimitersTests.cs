using Herald.InsiderOne;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.InsiderOne;

/// <summary>
/// The per-token limiters are bounded (Herald:InsiderOne:MaxTokenLimiters): tokens a caller makes up cannot grow them
/// without end, and a token still pacing its requests keeps its limiter.
/// </summary>
public sealed class TokenRateLimitersTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task For_AThousandMadeUpTokens_KeepsNoMoreLimitersThanTheSetting()
    {
        using var limiters = new TokenRateLimiters(requestsPerSecond: 10, maxTokens: 5, _clock);

        for (var i = 0; i < 1_000; i++)
        {
            using var lease = await limiters.For($"made-up-token-{i}").AcquireAsync(1);
            lease.IsAcquired.ShouldBeTrue();
            _clock.Advance(TokenRateLimiters.Window);
        }

        limiters.Count.ShouldBe(5);
    }

    [Fact]
    public void For_WhileAToken_IsStillPacing_KeepsItsLimiterAndItsPace()
    {
        using var limiters = new TokenRateLimiters(requestsPerSecond: 1, maxTokens: 2, _clock);
        var busy = limiters.For("busy-token");
        busy.AttemptAcquire(1).IsAcquired.ShouldBeTrue();

        foreach (var token in new[] { "other-1", "other-2", "other-3" })
        {
            limiters.For(token).AttemptAcquire(1).IsAcquired.ShouldBeTrue();
        }

        // Every limiter has a request within its window: none may be forgotten, or its token could send twice as fast.
        limiters.For("busy-token").ShouldBeSameAs(busy);
        busy.AttemptAcquire(1).IsAcquired.ShouldBeFalse("the token's next slot is a window away");
        limiters.Count.ShouldBe(4);

        _clock.Advance(TokenRateLimiters.Window);
        limiters.For("newcomer");
        limiters.Count.ShouldBe(2);
    }

    [Fact]
    public void PipelineFor_AnEvictedToken_IsMadeAgainAroundItsNewLimiter()
    {
        using var limiters = new TokenRateLimiters(requestsPerSecond: 1, maxTokens: 1, _clock);
        var made = new List<System.Threading.RateLimiting.RateLimiter>();
        Polly.ResiliencePipeline<HttpResponseMessage> Create(System.Threading.RateLimiting.RateLimiter limiter)
        {
            made.Add(limiter);
            return Polly.ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        limiters.PipelineFor("first", Create);
        limiters.PipelineFor("first", Create);
        limiters.For("second");
        limiters.PipelineFor("first", Create);

        made.Count.ShouldBe(2, "one pipeline per limiter: made once, and again after the token's limiter was forgotten");
        made[1].ShouldBeSameAs(limiters.For("first"));
    }
}
