using System.Text.Json;
using Herald.Tests.Cli;

namespace Herald.Tests.Updates;

/// <summary>The command line of segment updates: the destination's update mode and splitting, <c>--force</c>, and the difference in <c>run show</c>.</summary>
[Collection(HeraldServerCollection.Name)]
public sealed class UpdateCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task DestinationAdd_WithUpdateModeAndSplitting_IsShownAndCanBeChanged()
    {
        var environment = server.Environment;
        environment["TEST_INSIDER_TOKEN"] = HeraldServerFixture.ApiToken;
        (await CliRunner.RunAsync(environment, ["credential", "add", "modes-cred", "--partner-name", HeraldServerFixture.PartnerName, "--api-token-env", "TEST_INSIDER_TOKEN"]))
            .ExitCode.ShouldBe(0);

        var added = await server.RunAsync("destination", "add", "modes-dest", "--credential", "modes-cred", "--segment-name", "CLI modes",
            "--attribute-name", "email", "--update-mode", "add", "--allow-split");
        var shown = await server.RunAsync("destination", "show", "modes-dest", "--json");
        var updated = await server.RunAsync("destination", "update", "modes-dest", "--update-mode", "replace", "--allow-split", "false", "--shrink-guard-share", "0.2");
        var after = await server.RunAsync("destination", "show", "modes-dest");
        var wrong = await server.RunAsync("destination", "update", "modes-dest", "--update-mode", "merge");

        added.ExitCode.ShouldBe(0, added.ToString());
        using (var json = JsonDocument.Parse(shown.Output))
        {
            json.RootElement.GetProperty("updateMode").GetString().ShouldBe("add");
            json.RootElement.GetProperty("allowSplit").GetBoolean().ShouldBeTrue();
        }
        updated.ExitCode.ShouldBe(0, updated.ToString());
        var text = System.Text.RegularExpressions.Regex.Replace(after.Output, @"\s+", " ");
        text.ShouldContain("replace: the segment becomes exactly the audience");
        text.ShouldContain("fail when over Insider One's file limit");
        text.ShouldContain("more than 20% of the segment");
        wrong.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task RunShowJson_CarriesTheDifference_AndForcePassesTheShrinkGuard()
    {
        var destination = await server.AddDestinationAsync("diff-json");
        (await server.RunAsync("send", "--destination", destination, "--query", Members.Query(0, 40), "--wait")).ExitCode.ShouldBe(0);

        var guarded = await server.RunAsync("send", "--destination", destination, "--query", Members.Query(30, 45), "--wait", "--json");
        var forced = await server.RunAsync("send", "--destination", destination, "--query", Members.Query(30, 45), "--wait", "--json", "--force");
        using var forcedRun = JsonDocument.Parse(forced.Output);
        var id = forcedRun.RootElement.GetProperty("id").GetString()!;
        var shown = await server.RunAsync("run", "show", id, "--json");
        var human = await server.RunAsync("run", "show", id);

        guarded.ExitCode.ShouldBe(1, guarded.ToString());
        using (var json = JsonDocument.Parse(guarded.Output))
        {
            json.RootElement.GetProperty("failure").GetString().ShouldBe("shrink_guard");
        }
        forced.ExitCode.ShouldBe(0, forced.ToString());
        using var run = JsonDocument.Parse(shown.Output);
        var diff = run.RootElement.GetProperty("diff");
        diff.GetProperty("added").GetInt64().ShouldBe(5);
        diff.GetProperty("removed").GetInt64().ShouldBe(30);
        diff.GetProperty("kept").GetInt64().ShouldBe(10);
        human.Output.ShouldContain("Removed");
        human.Output.ShouldContain("passed with --force");
    }

    [Fact]
    public async Task OrchestrationRun_WithForce_PassesTheShrinkGuard()
    {
        var destination = await server.AddDestinationAsync("orch-force");
        (await server.RunAsync("orchestration", "add", "orch-force", "--destination", destination, "--query", Members.Query(0, 10))).ExitCode.ShouldBe(0);
        (await server.RunAsync("orchestration", "run", "orch-force", "--wait")).ExitCode.ShouldBe(0);
        (await server.RunAsync("orchestration", "update", "orch-force", "--query", Members.Query(0, 2))).ExitCode.ShouldBe(0);

        var guarded = await server.RunAsync("orchestration", "run", "orch-force", "--wait");
        var forced = await server.RunAsync("orchestration", "run", "orch-force", "--wait", "--force");

        guarded.ExitCode.ShouldBe(1);
        var text = System.Text.RegularExpressions.Regex.Replace(guarded.Output, @"\s+", " ");
        text.ShouldContain("shrink guard");
        text.ShouldContain("herald orchestration run orch-force --force");
        forced.ExitCode.ShouldBe(0, forced.ToString());
    }
}
