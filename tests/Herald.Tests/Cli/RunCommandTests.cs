using System.Text.Json;

namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class RunCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task ListJson_And_ShowJson_ReturnTheRunThatWasSent()
    {
        var destination = await server.AddDestinationAsync("run-list");
        var sent = await server.RunAsync(
            "send", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", "--wait", "--json");
        using var sentJson = JsonDocument.Parse(sent.Output);
        var id = sentJson.RootElement.GetProperty("id").GetString()!;

        var listed = await server.RunAsync("run", "list", "--destination", destination, "--json");
        var shown = await server.RunAsync("run", "show", id, "--json");
        var shownForPeople = await server.RunAsync("run", "show", id);

        listed.ExitCode.ShouldBe(0, listed.ToString());
        using var listJson = JsonDocument.Parse(listed.Output);
        listJson.RootElement.EnumerateArray().Select(run => run.GetProperty("id").GetString()).ShouldContain(id);
        shown.ExitCode.ShouldBe(0, shown.ToString());
        using var showJson = JsonDocument.Parse(shown.Output);
        showJson.RootElement.GetProperty("id").GetString().ShouldBe(id);
        showJson.RootElement.GetProperty("state").GetString().ShouldBe("succeeded");
        shownForPeople.Output.ShouldContain(id);
        shownForPeople.Output.ShouldContain("Insider One total");
    }

    [Fact]
    public async Task Show_IntoAPipe_PrintsTheDiffSampleAddressWhole_OnOneLine()
    {
        var destination = await server.AddDestinationAsync("diff-sample-caption");
        var sent = await server.RunAsync(
            "send", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", "--wait", "--json");
        using var sentJson = JsonDocument.Parse(sent.Output);
        var id = sentJson.RootElement.GetProperty("id").GetString()!;
        sentJson.RootElement.GetProperty("diff").GetProperty("sampleAvailable").GetBoolean().ShouldBeTrue();

        var shown = await server.RunAsync("run", "show", id);

        shown.ExitCode.ShouldBe(0, shown.ToString());
        shown.Output.Split('\n').ShouldContain(line => line.Trim() == $"Sample of the values: GET /api/runs/{id}/diff-sample", shown.Output);
    }

    [Fact]
    public async Task Send_RefusedBeforeUploading_Says0SentAndThatTheSegmentWasLeftUnchanged_LikeTheApi()
    {
        var destination = await server.AddDestinationAsync("refused-before-upload", token: "wrong-token");

        var sent = await server.RunAsync("send", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", "--wait");

        sent.Output.ShouldContain("failed");
        sent.Output.ShouldContain("Values planned");
        sent.Output.ShouldContain("Nothing was uploaded: the segment \u201cCLI refused-before-upload\u201d in Insider One was left unchanged.");
        var id = sent.Output.Split(' ', '\n').First(word => Guid.TryParse(word, out _));
        var shown = await server.RunAsync("run", "show", id, "--json");
        using var json = JsonDocument.Parse(shown.Output);
        var counts = json.RootElement.GetProperty("counts");
        counts.GetProperty("valuesSent").GetInt64().ShouldBeGreaterThan(0, "what the build planned");
        counts.GetProperty("valuesUploaded").GetInt64().ShouldBe(0, "what reached Insider One");
    }

    [Fact]
    public async Task List_WithUnknownState_IsAUsageError()
    {
        var result = await server.RunAsync("run", "list", "--state", "finished");

        result.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Show_WithWrongApiKey_ExplainsWhereTheKeyComesFrom()
    {
        var environment = server.Environment;
        environment["HERALD_API_KEY"] = "hk_wrong_key_wrong_key_wrong_key";

        var result = await CliRunner.RunAsync(environment, ["run", "list"]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("HERALD_API_KEY");
    }

    [Fact]
    public async Task List_WithNoServerAtTheUrl_ExitsThreeNamingTheUrlAndHowToStartOne()
    {
        var environment = new Dictionary<string, string?> { ["HERALD_SERVER"] = "http://127.0.0.1:1" };

        var result = await CliRunner.RunAsync(environment, ["run", "list"]);

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("http://127.0.0.1:1");
        result.Error.ShouldContain("herald serve");
    }
}
