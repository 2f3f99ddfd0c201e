using System.Text.RegularExpressions;

namespace Herald.Tests.Cli;

/// <summary><c>herald user</c> and <c>herald apikey</c> against a running server, and what a refused command exits with.</summary>
[Collection(HeraldServerCollection.Name)]
public sealed partial class UserCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task UserAdd_ApikeyCreate_ThenTheViewersKey_ReadsButCannotAddACredential_ExitingWithForbidden()
    {
        var environment = server.Environment;
        environment["NEW_PASSWORD"] = "a long enough password";

        var added = await CliRunner.RunAsync(environment, ["user", "add", "cli-viewer", "--policy", "Viewer", "--password-env", "NEW_PASSWORD"]);
        var made = await server.RunAsync("apikey", "create", "laptop", "--user", "cli-viewer");
        var key = HeraldKey().Match(made.Output).Value;
        var listed = await server.RunAsync("user", "list");
        var asViewer = server.Environment;
        asViewer["HERALD_API_KEY"] = key;
        asViewer["NEW_PASSWORD"] = "a long enough password";
        var read = await CliRunner.RunAsync(asViewer, ["credential", "list"]);
        var refused = await CliRunner.RunAsync(asViewer, ["credential", "add", "viewers-cred", "--partner-name", "p", "--api-token-env", "NEW_PASSWORD"]);

        added.ExitCode.ShouldBe(0, added.ToString());
        added.AllOutput.ShouldNotContain("a long enough password");
        made.ExitCode.ShouldBe(0, made.ToString());
        key.ShouldNotBeEmpty(made.ToString());
        listed.Output.ShouldContain("cli-viewer");
        listed.Output.ShouldNotContain(key);
        read.ExitCode.ShouldBe(0, read.ToString());
        refused.ExitCode.ShouldBe(4, refused.ToString());
        refused.Error.ShouldContain("credential:edit");
    }

    [Fact]
    public async Task UserPassword_FromStandardInput_ChangesTheKeysOwnUsersPassword_AndAWrongCurrentOneExitsInvalid()
    {
        var environment = server.Environment;
        environment["FIRST_PASSWORD"] = "the first cli password";
        (await CliRunner.RunAsync(environment, ["user", "add", "cli-self", "--policy", "Viewer", "--password-env", "FIRST_PASSWORD"])).ExitCode.ShouldBe(0);
        var asSelf = server.Environment;
        asSelf["HERALD_API_KEY"] = HeraldKey().Match((await server.RunAsync("apikey", "create", "laptop", "--user", "cli-self")).Output).Value;

        var wrong = await CliRunner.RunAsync(asSelf, ["user", "password", "--current-password-stdin", "--new-password-stdin"], "not the password\nthe second cli password\n");
        var changed = await CliRunner.RunAsync(asSelf, ["user", "password", "--current-password-stdin", "--new-password-stdin"], "the first cli password\nthe second cli password\n");

        wrong.ExitCode.ShouldNotBe(0, wrong.ToString());
        wrong.Error.ShouldContain("That is not your current password");
        changed.ExitCode.ShouldBe(0, changed.ToString());
        changed.Output.ShouldContain("Changed the password of cli-self");
        changed.AllOutput.ShouldNotContain("the second cli password");
    }

    [Fact]
    public async Task UserEnable_AfterDisable_ListsTheUserEnabledAgain()
    {
        (await server.RunAsync("user", "add", "cli-returning", "--policy", "Viewer")).ExitCode.ShouldBe(0);
        (await server.RunAsync("user", "disable", "cli-returning")).ExitCode.ShouldBe(0);

        var enabled = await server.RunAsync("user", "enable", "cli-returning");
        var listed = await server.RunAsync("user", "list", "--json");

        enabled.ExitCode.ShouldBe(0, enabled.ToString());
        enabled.Output.ShouldContain("Enabled user cli-returning.");
        Regex.Match(listed.Output, "\"name\": \"cli-returning\"[^}]*\"disabled\": false").Success.ShouldBeTrue(listed.Output);
    }

    [Fact]
    public async Task ApikeyRevoke_StopsTheKey_AndTheListShowsWhen()
    {
        (await server.RunAsync("user", "add", "cli-operator", "--policy", "Operator")).ExitCode.ShouldBe(0);
        var made = await server.RunAsync("apikey", "create", "ci", "--user", "cli-operator");
        var id = KeyId().Match(made.Output).Groups[1].Value;
        var asOperator = server.Environment;
        asOperator["HERALD_API_KEY"] = HeraldKey().Match(made.Output).Value;

        var revoked = await server.RunAsync("apikey", "revoke", id);
        var listed = await server.RunAsync("apikey", "list", "--user", "cli-operator", "--json");
        var refused = await CliRunner.RunAsync(asOperator, ["credential", "list"]);

        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        listed.Output.ShouldContain("\"revokedAt\": \"");
        refused.ExitCode.ShouldBe(2, refused.ToString());
    }

    [Fact]
    public async Task AuditList_ShowsTheUserAddedByTheCli_AndItsJsonIsTheApisShape()
    {
        (await server.RunAsync("user", "add", "cli-audited", "--policy", "User")).ExitCode.ShouldBe(0);

        var listed = await server.RunAsync("audit", "list", "--since", "1h", "--action", "user:admin");
        var json = await server.RunAsync("audit", "list", "--actor", "admin", "--json");
        var wrongSince = await server.RunAsync("audit", "list", "--since", "yesterday-ish");

        listed.ExitCode.ShouldBe(0, listed.ToString());
        listed.Output.ShouldContain("cli-audited");
        json.Output.ShouldContain("\"operation\": \"add user\"");
        wrongSince.ExitCode.ShouldBe(2);
        wrongSince.Error.ShouldContain("--since takes a time");
    }

    [GeneratedRegex(@"hk_[A-Za-z0-9_-]{40,}")]
    private static partial Regex HeraldKey();

    [GeneratedRegex(@"\(([0-9a-f-]{36})\)")]
    private static partial Regex KeyId();
}
