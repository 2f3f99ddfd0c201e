using System.Net;
using Herald.Simulator.Tests.Support;

namespace Herald.Simulator.Tests;

/// <summary>insider-one.md section 1: what an upload request must look like, and what each mistake answers.</summary>
public sealed class UploadChecksTests
{
    [Fact]
    public async Task Upload_WithValidRequest_Answers200Ok_AndRegistersSegmentAsProcessing()
    {
        await using var scenario = await Scenario.StartAsync(options => options.ProcessingDelay = TimeSpan.FromMinutes(5));

        var response = await scenario.Api.UploadAsync("VIP customers", scenario.Herald.HostValues("a@b.co"), scenario.Herald.CallbackUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"statusMessage":"OK"}""");
        var segment = scenario.Segment("VIP customers");
        segment.State.ShouldBe(SegmentStates.Processing);
        segment.PartnerName.ShouldBe("herald-demo");
        segment.AttributeName.ShouldBe("email");
        segment.CreatedByApi.ShouldBeTrue();
        segment.UploadCount.ShouldBe(1);
    }

    [Fact]
    public async Task Upload_WithAChunkedBody_Answers411LengthRequired_AndRegistersNothing()
    {
        await using var scenario = await Scenario.StartAsync();
        var request = InsiderOneCalls.Request(HttpMethod.Post, "/fps/v1/upload", ValidBody(scenario));
        // A stream of unknown length goes out with Transfer-Encoding: chunked, as JsonContent does.
        request.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ValidBody(scenario))));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await scenario.Api.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.LengthRequired);
        scenario.Simulator.Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_WithoutPartnerName_Answers400PartnerNameIsMissing()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario), partner: null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.StatusMessageAsync()).ShouldBe("partner name is missing");
    }

    [Theory]
    [InlineData("herald-demo", "wrong-token")]
    [InlineData("Herald-Demo", "demo-token")]
    [InlineData("other-partner", "demo-token")]
    public async Task Upload_WithTokenThatDoesNotMatchPartner_Answers401Unauthorized(string partner, string token)
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario), partner, token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"statusMessage":"Unauthorized"}""");
    }

    [Fact]
    public async Task Upload_WithoutToken_Answers401Unauthorized()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario), token: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upload_FromAddressTheTokenIsNotAllowedFrom_Answers403()
    {
        await using var scenario = await Scenario.StartAsync(options => options.Accounts =
        [
            new SimulatorAccount { PartnerName = "herald-demo", Token = "demo-token", AllowedAddresses = ["10.1.2.3"] },
            new SimulatorAccount { PartnerName = "herald-demo", Token = "loopback-token", AllowedAddresses = ["127.0.0.1"] },
        ]);

        var refused = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, "refused"));
        var allowed = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, "allowed"), token: "loopback-token");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_WithSnakeCaseFields_Answers405InvalidPayload()
    {
        await using var scenario = await Scenario.StartAsync();
        var body = $$"""
            {"segment_name":"VIP","file_url":"{{scenario.Herald.HostValues("a@b.co")}}","callback_url":"{{scenario.Herald.CallbackUrl}}","attribute_name":"email"}
            """;

        var response = await scenario.Api.PostAsync("/fps/v1/upload", body);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"error":"Invalid Payload."}""");
        scenario.Simulator.Segments.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"segmentName":"VIP","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb"}""")]
    [InlineData("""{"segmentName":"VIP","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":"email","extra":"x"}""")]
    [InlineData("""{"segmentName":"VIP","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":1}""")]
    [InlineData("""{"segmentName":"","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":"email"}""")]
    [InlineData("""{"segmentName":null,"fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":"email"}""")]
    [InlineData("""{"SegmentName":"VIP","FileUrl":"http://h/a.csv","CallbackUrl":"http://h/cb","AttributeName":"email"}""")]
    [InlineData("""{"segmentName":"VIP","segmentName":"VIP","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":"email"}""")]
    [InlineData("""[{"segmentName":"VIP","fileUrl":"http://h/a.csv","callbackUrl":"http://h/cb","attributeName":"email"}]""")]
    [InlineData("segmentName=VIP&fileUrl=http://h/a.csv")]
    [InlineData("")]
    public async Task Upload_WithBodyThatIsNotTheDocumentedJson_Answers405InvalidPayload(string body)
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/upload", body);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await response.ErrorAsync()).ShouldBe("Invalid Payload.");
    }

    [Fact]
    public async Task Upload_WithJsonBodyNotDeclaredAsJson_Answers405InvalidPayload()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario), contentType: "text/plain");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Upload_WithSegmentNameOf41Characters_Answers400_AndOf40Characters_IsAccepted()
    {
        await using var scenario = await Scenario.StartAsync();

        var tooLong = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, new string('a', 41)));
        var longest = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, new string('a', 40)));

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        longest.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/audience.txt")]
    [InlineData("http://127.0.0.1:9/audience")]
    [InlineData("not a url.csv")]
    public async Task Upload_WithFileUrlWithoutCsv_Answers400FileUrlIsInvalid(string fileUrl)
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.UploadAsync("VIP", fileUrl, scenario.Herald.CallbackUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.StatusMessageAsync()).ShouldBe("the file URL is invalid. The URL should include .csv extension");
    }

    [Fact]
    public async Task Upload_WithSignedFileUrlHavingCsvBeforeQuery_IsAccepted()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.UploadAsync("VIP", "http://127.0.0.1:9/files/run-1.csv?expires=1&sig=abc", scenario.Herald.CallbackUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_WithCallbackUrlThatIsNotHttp_Answers400()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.UploadAsync("VIP", scenario.Herald.HostValues("a@b.co"), "callback");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upload_ToSegmentNameCreatedInPanel_Answers400SegmentNameAlreadyInUse()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["a@b.co"]);

        var response = await scenario.Api.UploadAsync("Newsletter", scenario.Herald.HostValues("c@d.co"), scenario.Herald.CallbackUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"statusMessage":"segment name already in use"}""");
        scenario.Segment("Newsletter").Values.ShouldBe(["a@b.co"]);
    }

    [Fact]
    public async Task Upload_ToSegmentNameAnotherTokenOfTheAccountCreated_Answers400SegmentNameAlreadyInUse()
    {
        await using var scenario = await Scenario.StartAsync(options =>
        {
            options.ProcessingDelay = TimeSpan.FromMinutes(5);
            options.Accounts =
            [
                new SimulatorAccount { PartnerName = "herald-demo", Token = "demo-token" },
                new SimulatorAccount { PartnerName = "herald-demo", Token = "second-token" },
            ];
        });
        (await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, "VIP"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Still processing: the name is in use from the moment the first upload was accepted.
        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, "VIP"), token: "second-token");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.StatusMessageAsync()).ShouldBe("segment name already in use");
    }

    [Fact]
    public async Task Upload_ToSegmentNameUsedInAnotherAccount_IsAccepted()
    {
        await using var scenario = await Scenario.StartAsync(options => options.Accounts =
        [
            new SimulatorAccount { PartnerName = "herald-demo", Token = "demo-token" },
            new SimulatorAccount { PartnerName = "other-brand", Token = "other-token" },
        ]);
        scenario.Simulator.SeedSegment("other-brand", "VIP", ["a@b.co"]);

        var response = await scenario.Api.PostAsync("/fps/v1/upload", ValidBody(scenario, "VIP"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        scenario.Simulator.Segments.Count(segment => segment.Name == "VIP").ShouldBe(2);
    }

    [Fact]
    public async Task Upload_WithGetMethod_Answers405()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.SendAsync(InsiderOneCalls.Request(HttpMethod.Get, "/fps/v1/upload", ""));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    private static string ValidBody(Scenario scenario, string segmentName = "VIP") =>
        InsiderOneCalls.UploadBody(segmentName, scenario.Herald.HostValues("a@b.co"), scenario.Herald.CallbackUrl);
}
