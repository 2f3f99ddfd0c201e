using System.Net;
using Herald.Simulator.Tests.Support;

namespace Herald.Simulator.Tests;

/// <summary>insider-one.md section 4 (assumed contract): <c>POST /fps/v1/download</c> answers a URL to the segment's CSV.</summary>
public sealed class DownloadTests
{
    [Fact]
    public async Task Download_OfSegmentOfTheAccount_Answers200WithUrlOfDownloadableCsv()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["ada@example.com", "grace@example.org"]);

        var response = await scenario.Api.DownloadAsync("Newsletter");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fileUrl = (await response.JsonAsync()).GetProperty("fileUrl").GetString().ShouldNotBeNull();
        fileUrl.ShouldStartWith(scenario.Simulator.BaseUrl.ToString().TrimEnd('/') + "/_simulator/files/");
        fileUrl.ShouldEndWith(".csv");
        using var outsider = new HttpClient();
        var file = await outsider.GetAsync(fileUrl);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await file.Content.ReadAsStringAsync()).ShouldBe("ada@example.com\ngrace@example.org\n");
    }

    [Fact]
    public async Task Download_AfterUploadWasProcessed_ServesTheValidValuesOfTheUpload()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.UploadAndWaitAsync("VIP", "email", "ada@example.com", "broken", "grace@example.org");

        var response = await scenario.Api.DownloadAsync("VIP");
        var fileUrl = (await response.JsonAsync()).GetProperty("fileUrl").GetString()!;

        (await (await scenario.Api.GetAsync(fileUrl)).Content.ReadAsStringAsync()).ShouldBe("ada@example.com\ngrace@example.org\n");
    }

    [Fact]
    public async Task Download_OfUnknownSegment_Answers404SegmentNotFound()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.DownloadAsync("Nobody");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"statusMessage":"segment not found"}""");
    }

    [Fact]
    public async Task Download_OfSegmentOfAnotherAccount_Answers404()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("other-brand", "Newsletter", ["a@example.com"]);

        var response = await scenario.Api.DownloadAsync("Newsletter");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Download_WithWrongToken_Answers401()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "Newsletter", ["a@example.com"]);

        var response = await scenario.Api.DownloadAsync("Newsletter", token: "wrong");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Download_WithSnakeCaseBody_Answers405InvalidPayload()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.PostAsync("/fps/v1/download", """{"segment_name":"Newsletter"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await response.ErrorAsync()).ShouldBe("Invalid Payload.");
    }

    [Fact]
    public async Task DownloadedFile_KeepsTheValuesOfWhenItWasAskedFor()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "VIP", ["old@example.com"], createdInPanel: false);
        var fileUrl = (await (await scenario.Api.DownloadAsync("VIP")).JsonAsync()).GetProperty("fileUrl").GetString()!;

        await scenario.UploadAndWaitAsync("VIP", "email", "new@example.com");

        (await (await scenario.Api.GetAsync(fileUrl)).Content.ReadAsStringAsync()).ShouldBe("old@example.com\n");
    }

    [Fact]
    public async Task ServedFile_WithUnknownId_Answers404()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.GetAsync("/_simulator/files/0123456789abcdef.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
