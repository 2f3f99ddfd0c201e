namespace Herald.Tests.Cli;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string dataRoot = Path.Combine(Path.GetTempPath(), "herald-cli-demo-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Demo_WithTwoThousandCustomers_SendsTheVipAudienceAndPrintsTheReport()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), ["demo", "--customers", "2000", "--data-dir", dataRoot]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("demo-insider");
        result.Output.ShouldContain("vip-emails");
        result.Output.ShouldContain("vip-daily");
        result.Output.ShouldContain("succeeded");
        result.Output.ShouldContain("Rows queried");
        result.Output.ShouldContain("Values sent");
        result.Output.ShouldContain("Set aside");
        result.Output.ShouldContain("Insider One valid");
        result.Output.ShouldContain("Insider One invalid");
        result.Output.ShouldContain("Insider One total");
        result.Output.ShouldContain("Time taken");
        result.Output.ShouldContain("insider_users: 2,000 rows");
        result.Output.ShouldContain("insider_events:");
        result.AllOutput.ShouldNotContain("demo-token");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a native engine; the temp folder is cleaned by the OS eventually.
        }
    }
}
