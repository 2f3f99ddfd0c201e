namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class CredentialCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task Add_WithTokenFromEnvironment_StoresItAndNeverPrintsTheToken()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var environment = server.Environment;
        environment["MY_INSIDER_TOKEN"] = token;

        var added = await CliRunner.RunAsync(environment,
            ["credential", "add", "env-token-cred", "--partner-name", "mybrand", "--api-token-env", "MY_INSIDER_TOKEN", "--description", "from env"]);
        var shown = await server.RunAsync("credential", "show", "env-token-cred");
        var shownAsJson = await server.RunAsync("credential", "show", "env-token-cred", "--json");
        var listed = await server.RunAsync("credential", "list");

        added.ExitCode.ShouldBe(0, added.ToString());
        added.Output.ShouldContain("env-token-cred");
        shown.ExitCode.ShouldBe(0, shown.ToString());
        shown.Output.ShouldContain("mybrand");
        listed.Output.ShouldContain("env-token-cred");
        foreach (var result in new[] { added, shown, shownAsJson, listed })
        {
            result.AllOutput.ShouldNotContain(token);
        }
    }

    [Fact]
    public async Task Add_WithTokenFromStandardInput_StoresIt()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");

        var added = await CliRunner.RunAsync(server.Environment,
            ["credential", "add", "stdin-token-cred", "--partner-name", "mybrand", "--api-token-stdin"], standardInput: token + "\n");

        added.ExitCode.ShouldBe(0, added.ToString());
        added.AllOutput.ShouldNotContain(token);
    }

    [Fact]
    public async Task Add_WithoutAnyTokenSource_IsAUsageError()
    {
        var result = await server.RunAsync("credential", "add", "no-token-cred", "--partner-name", "mybrand");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--api-token-stdin");
    }

    [Fact]
    public async Task Add_WithUnsetTokenVariable_SaysWhichVariableIsMissing()
    {
        var result = await server.RunAsync("credential", "add", "unset-var-cred", "--partner-name", "mybrand", "--api-token-env", "NOT_SET_ANYWHERE");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("NOT_SET_ANYWHERE");
    }
}
