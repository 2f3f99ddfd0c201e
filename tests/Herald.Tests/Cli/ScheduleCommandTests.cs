namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class ScheduleCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task Schedule_WithCronAndZone_PrintsTheNextFiveRunsInTheZoneAndInUtc()
    {
        var destination = await server.AddDestinationAsync("sched-cron");
        (await server.RunAsync("orchestration", "add", "sched-cron-daily", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'"))
            .ExitCode.ShouldBe(0);

        var result = await server.RunAsync("orchestration", "schedule", "sched-cron-daily", "--cron", "0 6 * * *", "--time-zone", "Europe/Istanbul");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("cron '0 6 * * *' in Europe/Istanbul");
        result.Output.Split('\n').Count(line => line.Contains("06:00 +03:00") && line.Contains("03:00 UTC")).ShouldBe(5);
    }

    [Fact]
    public async Task PauseAndResume_ChangeTheStateAndSayHowToGoBack()
    {
        var destination = await server.AddDestinationAsync("sched-pause");
        await server.RunAsync("orchestration", "add", "sched-pause-daily", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        await server.RunAsync("orchestration", "schedule", "sched-pause-daily", "--cron", "0 6 * * *", "--time-zone", "UTC");

        var paused = await server.RunAsync("orchestration", "pause", "sched-pause-daily");
        var resumed = await server.RunAsync("orchestration", "resume", "sched-pause-daily");

        paused.ExitCode.ShouldBe(0, paused.ToString());
        paused.Output.ShouldContain("paused");
        paused.Output.ShouldContain("herald orchestration resume sched-pause-daily");
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Output.ShouldContain("is active");
    }

    [Theory]
    [InlineData("--cron", "* * * * *", "--time-zone", "UTC", "Herald:Schedules:MinimumInterval")]
    [InlineData("--cron", "0 6 * * *", "--time-zone", "Europe/Nowhere", "Unknown time zone 'Europe/Nowhere'")]
    public async Task Schedule_WhenRefused_ExitsNonZeroSayingWhatToChange(string option1, string value1, string option2, string value2, string saying)
    {
        var name = $"sched-bad-{Guid.NewGuid():N}"[..20];
        var destination = await server.AddDestinationAsync(name);
        await server.RunAsync("orchestration", "add", name, "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");

        var result = await server.RunAsync("orchestration", "schedule", name, option1, value1, option2, value2);

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain(saying);
    }

    [Fact]
    public async Task BridgeSchedule_AfterAnOrchestration_ThenPausedAndResumed_SaysWhatSyncsItAndHowToGoBack()
    {
        var destination = await server.AddDestinationAsync("sched-bridge");
        await server.RunAsync("orchestration", "add", "sched-bridge-daily", "--destination", destination, "--query", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        (await server.RunAsync("bridge", "add", "sched-bridge", "--target", "folder", "--folder", "sched-bridge", "--table", "insider_users")).ExitCode.ShouldBe(0);

        var after = await server.RunAsync("bridge", "schedule", "sched-bridge", "--after", "sched-bridge-daily");
        var cron = await server.RunAsync("bridge", "schedule", "sched-bridge", "--cron", "30 2 * * *", "--time-zone", "UTC");
        var paused = await server.RunAsync("bridge", "pause", "sched-bridge");
        var resumed = await server.RunAsync("bridge", "resume", "sched-bridge");
        var refused = await server.RunAsync("bridge", "schedule", "sched-bridge", "--after", "no-such-orchestration");
        var manual = await server.RunAsync("bridge", "schedule", "sched-bridge", "--manual");

        after.ExitCode.ShouldBe(0, after.ToString());
        after.Output.ShouldContain("Bridge sched-bridge syncs after orchestration 'sched-bridge-daily' succeeds");
        cron.Output.Split('\n').Count(line => line.Contains("02:30 +00:00")).ShouldBe(5);
        paused.Output.ShouldContain("herald bridge resume sched-bridge");
        resumed.Output.ShouldContain("is active");
        refused.ExitCode.ShouldNotBe(0);
        (refused.Output + refused.Error).ShouldContain("No orchestration named 'no-such-orchestration'");
        manual.Output.ShouldContain("syncs by hand only");
    }
}
