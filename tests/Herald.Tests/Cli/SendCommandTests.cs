using System.Text.Json;

namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class SendCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task SendWaitJson_Succeeds_WithCountsAndInsiderOnesReportOnlyOnStandardOutput()
    {
        var destination = await server.AddDestinationAsync("send-json");

        var result = await server.RunAsync(
            "send", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", "--wait", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var run = json.RootElement;
        run.GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);
        run.GetProperty("state").GetString().ShouldBe("succeeded");
        run.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        var counts = run.GetProperty("counts");
        counts.GetProperty("rowsQueried").GetInt64().ShouldBeGreaterThan(0);
        var valuesSent = counts.GetProperty("valuesSent").GetInt64();
        valuesSent.ShouldBeGreaterThan(0);
        counts.GetProperty("setAside").ValueKind.ShouldBe(JsonValueKind.Object);
        var report = run.GetProperty("report");
        var valid = report.GetProperty("valid").GetInt64();
        var invalid = report.GetProperty("invalid").GetInt64();
        report.GetProperty("total").GetInt64().ShouldBe(valid + invalid);
        report.GetProperty("total").GetInt64().ShouldBe(valuesSent);
    }

    [Fact]
    public async Task SendWait_OfPhoneNumbersWrittenForPeople_ShowsTheRowsNormalizedInTheTableAndTheJson()
    {
        await server.AddDestinationAsync("send-phones");
        (await server.RunAsync("destination", "add", "send-phones-pn", "--credential", "send-phones-cred", "--segment-name", "CLI phones",
            "--attribute-name", "phone_number")).ExitCode.ShouldBe(0);
        const string query = "SELECT * FROM (VALUES ('+90 532 123 45 67'), ('+90 (532) 123-45-67'), ('+905321234567')) AS t(phone_number)";

        var table = await server.RunAsync("send", "--destination", "send-phones-pn", "--query", query, "--wait");
        var json = await server.RunAsync("send", "--destination", "send-phones-pn", "--query", query, "--wait", "--json");

        table.ExitCode.ShouldBe(0, table.ToString());
        table.Output.ShouldContain("Rows normalized: phone_punctuation");
        json.ExitCode.ShouldBe(0, json.ToString());
        using var run = JsonDocument.Parse(json.Output);
        var counts = run.RootElement.GetProperty("counts");
        counts.GetProperty("normalized").GetProperty("phone_punctuation").GetInt64().ShouldBe(2);
        counts.GetProperty("valuesSent").GetInt64().ShouldBe(1);
        counts.GetProperty("duplicateValues").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Send_WithQueryAndQueryFile_IsAUsageError()
    {
        var result = await server.RunAsync("send", "--destination", "any", "--query", "SELECT 1", "--query-file", "q.sql");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("not both");
    }

    [Fact]
    public async Task Send_WithoutWait_PrintsTheAcceptedRunAndHowToFollowIt()
    {
        var destination = await server.AddDestinationAsync("send-nowait");

        var result = await server.RunAsync("send", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("herald run show");
    }
}
