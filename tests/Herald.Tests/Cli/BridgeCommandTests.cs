namespace Herald.Tests.Cli;

/// <summary><c>herald bridge add|list|show|sync</c> against a running server, with a folder bridge (no Snowflake account needed).</summary>
[Collection(HeraldServerCollection.Name)]
public sealed class BridgeCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task AddThenSync_OfAFolderBridge_WritesTheTable_AndShowPrintsTheSync()
    {
        var added = await server.RunAsync("bridge", "add", "cli-folder", "--target", "folder", "--folder", "cli-folder", "--table", "insider_users");
        var synced = await server.RunAsync("bridge", "sync", "cli-folder");
        var shown = await server.RunAsync("bridge", "show", "cli-folder");
        var listed = await server.RunAsync("bridge", "list");

        added.ExitCode.ShouldBe(0, added.ToString());
        added.Output.ShouldContain("Added bridge cli-folder: insider_users to folder cli-folder");
        synced.ExitCode.ShouldBe(0, synced.ToString());
        synced.Output.ShouldContain("succeeded");
        synced.Output.ShouldContain("insider_users:");
        synced.Output.ShouldContain("rewritten");
        File.Exists(Path.Combine(server.Herald.DataDirectory, "bridges", "cli-folder", "insider_users.parquet")).ShouldBeTrue();
        shown.ExitCode.ShouldBe(0, shown.ToString());
        shown.Output.ShouldContain("succeeded");
        listed.Output.ShouldContain("cli-folder");
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/tmp")]
    public async Task Add_WithAPathForTheFolder_IsRefusedNamingTheFolder(string folder)
    {
        var result = await server.RunAsync("bridge", "add", "cli-escape", "--target", "folder", "--folder", folder, "--table", "insider_users");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("give a name (not a path)");
    }

    [Fact]
    public async Task Sync_OfAnUnknownBridge_IsAnApiErrorWithExitCode2()
    {
        var result = await server.RunAsync("bridge", "sync", "no-such-bridge");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("No bridge named 'no-such-bridge'");
    }
}
