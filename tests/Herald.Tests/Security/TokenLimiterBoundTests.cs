using System.Net;
using System.Net.Http.Json;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

/// <summary>
/// Misuse: the holder of a hand-over link (who needs no account) tries token after token. Each try is a connection test
/// with a token Herald has never seen, and each token gets a rate limiter; Herald:InsiderOne:MaxTokenLimiters bounds them.
/// </summary>
public sealed class TokenLimiterBoundTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Herald:InsiderOne:MaxTokenLimiters"] = "3",
        // Slots 0.1 ms apart: each limiter is idle again long before the next try arrives.
        ["Herald:InsiderOne:RequestsPerSecond"] = "10000",
        // The page's own throttle per address is the first defence; this test is about what gets past it from many addresses.
        ["Herald:Web:SignInFailuresPerMinute"] = "100",
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task HandOver_TriedWithManyMadeUpTokens_KeepsNoMoreTokenLimitersThanTheSetting()
    {
        var requested = await _harness.Api.Http.PostAsJsonAsync("/api/credentials/requests", new HandoverRequestInput("guessed", "insiderone", 24));
        var path = new Uri((await requested.Content.ReadFromJsonAsync<HandoverRequestView>(HeraldApi.Json))!.Link).AbsolutePath;
        using var holder = new UiClient(_harness.Herald.BaseUrl);

        for (var i = 0; i < 20; i++)
        {
            var refused = await holder.PostFormAsync(path, path, new Dictionary<string, string> { ["PartnerName"] = "herald-demo", ["ApiToken"] = $"guess-{i}" });
            (await refused.Content.ReadAsStringAsync()).ShouldContain("the connection test failed");
        }

        _harness.Herald.Services.GetRequiredService<TokenRateLimiters>().Count.ShouldBeLessThanOrEqualTo(3);
    }
}
