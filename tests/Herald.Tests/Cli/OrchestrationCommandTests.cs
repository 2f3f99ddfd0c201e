namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class OrchestrationCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task RunWait_OfAGoodQuery_ExitsZeroAndPrintsTheReconciliation()
    {
        var destination = await server.AddDestinationAsync("orch-run");
        var queryFile = Path.Combine(Path.GetTempPath(), $"herald-cli-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(queryFile, "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'\n");
        var added = await server.RunAsync("orchestration", "add", "orch-run-daily", "--destination", destination, "--query-file", queryFile);

        var result = await server.RunAsync("orchestration", "run", "orch-run-daily", "--wait");

        added.ExitCode.ShouldBe(0, added.ToString());
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("succeeded");
        result.Output.ShouldContain("Rows queried");
        result.Output.ShouldContain("Values sent");
        result.Output.ShouldContain("Insider One valid");
        result.Output.ShouldContain("Time taken");
        File.Delete(queryFile);
    }

    [Fact]
    public async Task RunWait_OfAQueryReturningNoValues_ExitsOneWithTheReasonAndNextStep()
    {
        var destination = await server.AddDestinationAsync("orch-empty");
        var added = await server.RunAsync(
            "orchestration", "add", "orch-empty-daily", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'none such'");

        var result = await server.RunAsync("orchestration", "run", "orch-empty-daily", "--wait");

        added.ExitCode.ShouldBe(0, added.ToString());
        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("failed");
        result.Output.ShouldContain("Next step:");
    }

    [Fact]
    public async Task Add_WithAQueryColumnOtherThanTheAttribute_PrintsEachProblemAndExitsTwo()
    {
        var destination = await server.AddDestinationAsync("orch-column");

        var result = await server.RunAsync("orchestration", "add", "orch-column-daily", "--destination", destination, "--query", "SELECT phone FROM Customer_360");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldStartWith("error: ");
        result.Error.ShouldContain("  - ");
        result.Error.ShouldContain("'phone'");
    }

    [Fact]
    public async Task TestSendWait_SendsExactlyTheSample_IsMarkedAsATest_AndListedWithTheOrchestrationsRuns()
    {
        var destination = await server.AddDestinationAsync("orch-test");
        var added = await server.RunAsync(
            "orchestration", "add", "orch-test-daily", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");

        var result = await server.RunAsync("orchestration", "test-send", "orch-test-daily", "--segment-name", "CLI orch-test (test)", "--sample-size", "5", "--wait");
        var listed = await server.RunAsync("run", "list", "--orchestration", "orch-test-daily", "--json");

        added.ExitCode.ShouldBe(0, added.ToString());
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("Test send of 5 value(s) of orchestration orch-test-daily");
        result.Output.ShouldContain("Next step:");
        result.Output.ShouldContain("herald orchestration run orch-test-daily");
        listed.Output.ShouldMatch(@"""testSampleSize"":\s*5");
    }
}
