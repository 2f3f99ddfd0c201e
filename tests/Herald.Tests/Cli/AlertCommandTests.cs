namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class AlertCommandTests(HeraldServerFixture server)
{
    private const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6YmUH0nVT5A=";

    [Fact]
    public async Task AddWebhook_WithTheSigningSecretFromTheEnvironment_ListsShowsTestsAndRemovesIt_NeverPrintingTheSecret()
    {
        var environment = server.Environment;
        environment["HOOK_SECRET"] = SigningSecret;

        var added = await CliRunner.RunAsync(environment,
            ["alert", "add", "cli-hook", "--channel", "webhook", "--url", "https://hooks.example.com/herald", "--kind", "run-failed", "--kind", "report-late", "--secret-env", "HOOK_SECRET"]);
        var listed = await server.RunAsync("alert", "list");
        var tested = await server.RunAsync("alert", "test", "cli-hook");
        var shown = await server.RunAsync("alert", "show", "cli-hook");
        var shownAsJson = await server.RunAsync("alert", "show", "cli-hook", "--json");
        var removed = await server.RunAsync("alert", "remove", "cli-hook");
        var gone = await server.RunAsync("alert", "show", "cli-hook");

        added.ExitCode.ShouldBe(0, added.ToString());
        added.Output.ShouldContain("run-failed, report-late");
        listed.Output.ShouldContain("cli-hook");
        listed.Output.ShouldContain("https://hooks.example.com/herald");
        tested.ExitCode.ShouldBe(0, tested.ToString());
        tested.Output.ShouldContain("herald alert show cli-hook");
        shown.ExitCode.ShouldBe(0, shown.ToString());
        shown.Output.ShouldContain("never shown");
        shownAsJson.Output.ShouldContain("\"deliveries\"");
        removed.ExitCode.ShouldBe(0, removed.ToString());
        gone.ExitCode.ShouldNotBe(0);
        foreach (var result in new[] { added, listed, tested, shown, shownAsJson })
        {
            result.AllOutput.ShouldNotContain(SigningSecret["whsec_".Length..]);
        }
    }

    [Fact]
    public async Task AddSlack_WithTheUrlFromStandardInput_ShowsOnlyItsHost()
    {
        var added = await CliRunner.RunAsync(server.Environment,
            ["alert", "add", "cli-slack", "--channel", "slack", "--destination-free-check-skipped", "--secret-stdin"], standardInput: "https://hooks.slack.com/services/T1/B1/CLISECRET\n");
        added.ExitCode.ShouldBe(2, "an unknown option is a usage error");

        var retried = await CliRunner.RunAsync(server.Environment,
            ["alert", "add", "cli-slack", "--channel", "slack", "--secret-stdin"], standardInput: "https://hooks.slack.com/services/T1/B1/CLISECRET\n");
        var listed = await server.RunAsync("alert", "list", "--json");

        retried.ExitCode.ShouldBe(0, retried.ToString());
        retried.Output.ShouldContain("hooks.slack.com");
        retried.AllOutput.ShouldNotContain("CLISECRET");
        listed.AllOutput.ShouldNotContain("CLISECRET");
        await server.RunAsync("alert", "remove", "cli-slack");
    }

    [Fact]
    public async Task Add_WithBothAnOrchestrationAndADestination_IsAUsageError()
    {
        var added = await server.RunAsync("alert", "add", "both", "--channel", "webhook", "--url", "https://hooks.example.com/x",
            "--orchestration", "a", "--destination", "b");

        added.ExitCode.ShouldBe(2, added.ToString());
        added.AllOutput.ShouldContain("not both");
    }
}
