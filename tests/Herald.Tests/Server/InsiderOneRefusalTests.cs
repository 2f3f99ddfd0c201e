using Herald.Simulator;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Server;

/// <summary>When Insider One refuses an upload, the run fails with what happened and what to change.</summary>
public sealed class InsiderOneRefusalTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync(simulatorOptions: new SimulatorOptions
    {
        ProcessingDelay = TimeSpan.FromMilliseconds(20),
        Accounts =
        [
            new SimulatorAccount { PartnerName = "herald-demo", Token = "demo-token" },
            new SimulatorAccount { PartnerName = "fenced", Token = "fenced-token", AllowedAddresses = ["203.0.113.9"] },
        ],
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WrongToken_FailsTheRunWithTheCredentialResolution()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Unauthorized", token: "wrong-token");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("credential");
        run.Reason.ShouldContain("401");
        run.Reason.ShouldContain("rotate the token");
        run.NextStep!.ShouldContain($"herald credential update {destination.CredentialName} --api-token-stdin");
        run.NextStep!.ShouldContain($"herald send --destination {destination.Name}");
        run.NextStep!.ShouldNotContain("<");
        run.Calls.Count(c => c.Operation == "upload").ShouldBe(1, "a 401 is never retried");
        (await _harness.Api.Http.GetStringAsync($"/api/runs/{run.Id}")).ShouldNotContain("wrong-token");
    }

    [Fact]
    public async Task IpRestrictedToken_FailsTheRunSayingWhichAddressToAllow()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Fenced", token: "fenced-token", partnerName: "fenced");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("credential");
        run.Reason.ShouldContain("403");
        run.Reason.ShouldContain("IP addresses");
    }

    [Fact]
    public async Task SegmentNameInUseInTheAccount_FailsTheRunWithTheResolution()
    {
        _harness.Simulator.SeedSegment("herald-demo", "Made in the panel", ["someone@example.com"]);
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Made in the panel");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("destination");
        run.Reason.ShouldContain("already in use");
        run.Reason.ShouldContain("Rename the segment");
        _harness.Simulator.Segments.Single(s => s.Name == "Made in the panel").Values.ShouldBe(["someone@example.com"]);
    }

    [Fact]
    public async Task FileOverTheSizeLimit_FailsBeforeSubmittingNamingTheSizeAndTheLimit()
    {
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:InsiderOne:MaxFileBytes"] = "1000" });
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Too big");

        var run = await harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360");

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("over Insider One's limit of");
        run.Reason.ShouldContain("1,000 bytes");
        run.Reason.ShouldContain("Herald:InsiderOne:MaxFileBytes");
        harness.Simulator.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvalidPayloadAnswer_FailsTheRunSayingTheApiMayHaveChanged()
    {
        await using var standIn = await StandInAsync(StatusCodes.Status405MethodNotAllowed, """{"error": "Invalid Payload."}""");
        await using var harness = await HeraldHarness.StartAsync(settings: new Dictionary<string, string?> { ["Herald:InsiderOne:BaseUrl"] = standIn.Urls.First() });
        var destination = await harness.Api.AddDestinationWithCredentialAsync("Payload");

        var run = await harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("405");
        run.Reason.ShouldContain("Invalid Payload.");
        run.Calls.Count(c => c.Operation == "upload").ShouldBe(1, "a 405 is never retried");
    }

    /// <summary>A bare HTTP server answering every request the same way, for answers the simulator never gives.</summary>
    private static async Task<WebApplication> StandInAsync(int status, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        return app;
    }
}
