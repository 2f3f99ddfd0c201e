namespace Herald.Tests.Cli;

/// <summary><c>herald bridge add|list|show|update|remove|sync</c> against a running server, with a folder bridge (no Snowflake account
/// needed), and the <c>snowflake</c> credential a Snowflake bridge publishes with.</summary>
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

    [Fact]
    public async Task UpdateThenRemove_OfABridge_ChangesItsTables_ThenRemovesIt()
    {
        (await server.RunAsync("bridge", "add", "cli-changing", "--target", "folder", "--folder", "cli-changing", "--table", "insider_users")).ExitCode.ShouldBe(0);

        var updated = await server.RunAsync("bridge", "update", "cli-changing", "--table", "insider_events", "--description", "events only");
        var removed = await server.RunAsync("bridge", "remove", "cli-changing");
        var shown = await server.RunAsync("bridge", "show", "cli-changing");

        updated.ExitCode.ShouldBe(0, updated.ToString());
        updated.Output.ShouldContain("Updated bridge cli-changing: insider_events");
        removed.ExitCode.ShouldBe(0, removed.ToString());
        removed.Output.ShouldContain("Removed bridge cli-changing");
        shown.ExitCode.ShouldBe(2, shown.ToString());
    }

    [Fact]
    public async Task Update_WithNothingToChange_SaysWhatToGive()
    {
        var result = await server.RunAsync("bridge", "update", "whatever");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("Nothing to update");
    }

    [Fact]
    public async Task SnowflakeCredential_AddedWithAKeyFile_IsNeverPrinted_AndCannotBeRemovedWhileABridgeUsesIt()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var keyFile = Path.Combine(Path.GetTempPath(), "herald-cli-key-" + Guid.NewGuid().ToString("N") + ".pem");
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var keyMaterial = pem.Split('\n')[1].Trim();
        await File.WriteAllTextAsync(keyFile, pem);
        try
        {
            var added = await server.RunAsync("credential", "add", "cli-snowflake", "--plugin", "snowflake", "--account", "myorg-herald_test",
                "--user", "herald_publisher", "--role", "HERALD_ROLE", "--private-key-file", keyFile);
            var shown = await server.RunAsync("credential", "show", "cli-snowflake");
            var bridge = await server.RunAsync("bridge", "add", "cli-snowflake-bridge", "--target", "snowflake", "--credential", "cli-snowflake",
                "--database", "HERALD", "--schema", "PUBLIC", "--table", "insider_users", "--skip-connection-test");
            var removed = await server.RunAsync("credential", "remove", "cli-snowflake");

            added.ExitCode.ShouldBe(0, added.ToString());
            added.Output.ShouldContain("Added credential cli-snowflake (snowflake");
            foreach (var output in new[] { added, shown, bridge, removed })
            {
                output.ToString().ShouldNotContain("-----BEGIN");
                output.ToString().ShouldNotContain(keyMaterial, Case.Sensitive);
            }
            bridge.ExitCode.ShouldBe(0, bridge.ToString());
            removed.ExitCode.ShouldBe(2, removed.ToString());
            removed.Error.ShouldContain("'cli-snowflake-bridge'");
            (await server.RunAsync("credential", "show", "cli-snowflake")).ExitCode.ShouldBe(0);
        }
        finally
        {
            File.Delete(keyFile);
            await server.RunAsync("bridge", "remove", "cli-snowflake-bridge");
        }
    }

    [Fact]
    public async Task SnowflakeCredential_WithoutItsKeyFile_SaysWhatToGive()
    {
        var result = await server.RunAsync("credential", "add", "cli-snowflake-nokey", "--plugin", "snowflake", "--account", "myorg-acct", "--user", "u");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--private-key-file");
    }
}
