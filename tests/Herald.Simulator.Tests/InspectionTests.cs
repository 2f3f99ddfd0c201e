using System.Net;
using Herald.Simulator.Tests.Support;

namespace Herald.Simulator.Tests;

/// <summary>insider-one.md section 6: what tests can see of the simulator, in process and over HTTP.</summary>
public sealed class InspectionTests
{
    [Fact]
    public async Task Requests_RecordEveryApiCallWithItsAnswer_AndMaskTheToken()
    {
        await using var scenario = await Scenario.StartAsync();
        var body = InsiderOneCalls.UploadBody("VIP", scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl);

        await scenario.Api.PostAsync("/fps/v1/upload", body);
        await scenario.Api.PostAsync("/fps/v1/upload", body, token: "wrong-token");

        var requests = scenario.Simulator.Requests;
        requests.Count.ShouldBe(2);
        requests[0].Method.ShouldBe("POST");
        requests[0].Path.ShouldBe("/fps/v1/upload");
        requests[0].Body.ShouldBe(body);
        requests[0].Status.ShouldBe(200);
        requests[0].ResponseBody.ShouldBe("""{"statusMessage":"OK"}""");
        requests[0].Headers["X-PARTNER-NAME"].ShouldBe("herald-demo");
        requests[1].Status.ShouldBe(401);
        requests.ShouldAllBe(request => request.Headers["X-REQUEST-TOKEN"] == "***");
        requests.ShouldNotContain(request => request.Headers.Values.Any(value => value.Contains("demo-token") || value.Contains("wrong-token")));
    }

    [Fact]
    public async Task InspectionEndpoints_ListSegmentsRequestsAndCallbacksAsJson()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com", "broken");

        var segments = await (await scenario.Api.GetAsync("/_simulator/segments")).JsonAsync();
        var requests = await (await scenario.Api.GetAsync("/_simulator/requests")).JsonAsync();
        var callbacks = await (await scenario.Api.GetAsync("/_simulator/callbacks")).JsonAsync();

        var segment = segments.EnumerateArray().ShouldHaveSingleItem();
        segment.GetProperty("name").GetString().ShouldBe("VIP");
        segment.GetProperty("state").GetString().ShouldBe("processed");
        segment.GetProperty("valid").GetInt32().ShouldBe(1);
        segment.GetProperty("invalid").GetInt32().ShouldBe(1);
        segment.GetProperty("values").EnumerateArray().Select(value => value.GetString()).ShouldBe(["a@example.com"]);
        requests.EnumerateArray().ShouldHaveSingleItem().GetProperty("status").GetInt32().ShouldBe(200);
        callbacks.EnumerateArray().ShouldHaveSingleItem().GetProperty("status").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task Reset_ForgetsEverything_AndPutsBackTheFaultsOfStart()
    {
        await using var scenario = await Scenario.StartAsync(options => options.Faults = new SimulatorFaults { DuplicateCallbacks = true });
        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com");
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["a@example.com"]);
        scenario.Simulator.Faults.DropCallbacks = true;

        var reset = await scenario.Api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/_simulator/reset"));

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        scenario.Simulator.Segments.ShouldBeEmpty();
        scenario.Simulator.Requests.ShouldBeEmpty();
        scenario.Simulator.Callbacks.ShouldBeEmpty();
        scenario.Simulator.Faults.DropCallbacks.ShouldBeFalse();
        scenario.Simulator.Faults.DuplicateCallbacks.ShouldBeTrue();
        (await scenario.Api.UploadAsync("Newsletter", scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reset_AbandonsProcessingUnderWay()
    {
        await using var scenario = await Scenario.StartAsync(options => options.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        await scenario.Api.UploadAsync("VIP", scenario.Herald.HostValues("a@example.com"), scenario.Herald.CallbackUrl);

        scenario.Simulator.Reset();
        await scenario.WaitForIdleAsync();

        scenario.Simulator.Segments.ShouldBeEmpty();
        scenario.Herald.Callbacks.ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownApiPath_Answers404_AndIsRecorded()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/segments", "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        scenario.Simulator.Requests.ShouldHaveSingleItem().Path.ShouldBe("/fps/v1/segments");
    }
}
