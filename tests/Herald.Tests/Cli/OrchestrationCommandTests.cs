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
}
