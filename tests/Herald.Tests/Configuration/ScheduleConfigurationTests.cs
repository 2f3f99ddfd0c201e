using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Configuration;

/// <summary>
/// Orchestrations' schedules as part of the configuration file and of sandboxes, through a real server: exported,
/// applied (changed, paused, removed), checked as setting them by hand checks them, copied into a sandbox where they
/// never fire, and promoted.
/// </summary>
public sealed class ScheduleConfigurationTests : IAsyncLifetime
{
    private const string DailySchedule = "  - name: vip-daily\n    cron: \"0 6 * * *\"\n    timeZone: Europe/Istanbul\n    paused: false\n";

    private HeraldHarness _harness = null!;

    private HttpClient Http => _harness.Api.Http;

    public async Task InitializeAsync()
    {
        _harness = await HeraldHarness.StartAsync();
        await _harness.Api.AddCredentialAsync("insider");
        await _harness.Api.AddDestinationAsync("vip", "insider", "VIP");
        foreach (var name in new[] { "vip-daily", "vip-weekly" })
        {
            (await Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput(name, "vip", "SELECT email FROM Customer_360"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        (await Http.PutAsJsonAsync("/api/orchestrations/vip-daily/schedule", new ScheduleInput("0 6 * * *", "Europe/Istanbul"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Apply_ChangesAndPausesASchedule_AFileWithoutSchedulesLeavesThemAsTheyAre_AndAnEmptyListRemovesThem()
    {
        var exported = await Http.GetStringAsync("/api/config");
        var withoutSchedules = exported.Replace("schedules:\n" + DailySchedule, "", StringComparison.Ordinal);
        var changed = exported.Replace(DailySchedule, "  - name: vip-daily\n    cron: \"30 7 * * 1\"\n    timeZone: Europe/Istanbul\n    paused: true\n", StringComparison.Ordinal);

        var olderFile = await ApplyAsync(withoutSchedules);
        var afterOlderFile = await ScheduleAsync("vip-daily");
        var changedApplied = await ApplyAsync(changed);
        var afterChange = await ScheduleAsync("vip-daily");
        var removed = await ApplyAsync(exported.Replace("schedules:\n" + DailySchedule, "schedules: []\n", StringComparison.Ordinal));

        withoutSchedules.ShouldNotContain("schedules:");
        olderFile.Summary.ShouldBe("0 added, 0 changed, 0 removed");
        (afterOlderFile.Cron, afterOlderFile.State).ShouldBe(("0 6 * * *", "active"));
        changedApplied.Summary.ShouldBe("0 added, 1 changed, 0 removed");
        changedApplied.Entries.ShouldHaveSingleItem().Fields.Select(f => (f.Field, f.Before, f.After)).ShouldBe([("cron", "0 6 * * *", "30 7 * * 1"), ("paused", "false", "true")]);
        (afterChange.Cron, afterChange.State).ShouldBe(("30 7 * * 1", "paused"));
        afterChange.PausedReason.ShouldNotBeNull().ShouldContain("configuration");
        removed.Entries.ShouldHaveSingleItem().ShouldBe(new EntryDifferenceView("schedule", "vip-daily", "removed", removed.Entries[0].Fields));
        (await Http.GetStringAsync("/api/config")).ShouldContain("schedules: []\n");
    }

    [Fact]
    public async Task Apply_WithSchedulesThatCannotRun_IsRefusedNamingEach_AndChangesNothing()
    {
        var exported = await Http.GetStringAsync("/api/config");
        var bad = exported.Replace(DailySchedule,
            "  - name: ghost\n    cron: \"0 6 * * *\"\n    timeZone: Europe/Istanbul\n" +
            "  - name: vip-daily\n    after: vip-weekly\n" +
            "  - name: vip-weekly\n    after: vip-daily\n", StringComparison.Ordinal);
        var tooOften = exported.Replace("cron: \"0 6 * * *\"\n    timeZone: Europe/Istanbul", "cron: '* * * * *'\n    timeZone: Mars/Olympus", StringComparison.Ordinal);

        var refused = await Http.PostAsync("/api/config/apply", new StringContent(bad));
        var refusedCron = await Http.PostAsync("/api/config/apply", new StringContent(tooOften));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problems = await refused.Content.ReadAsStringAsync();
        problems.ShouldContain("its orchestration 'ghost' is not in the file");
        problems.ShouldContain("the schedules make a cycle: 'vip-daily' runs after 'vip-weekly' runs after 'vip-daily'");
        refusedCron.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refusedCron.Content.ReadAsStringAsync()).ShouldContain("Mars/Olympus");
        (await Http.GetStringAsync("/api/config")).ShouldBe(exported);
    }

    [Fact]
    public async Task Sandbox_CopiesTheSchedules_SaysTheyNeverFire_LeavesProductionsUntouched_AndPromotesTheChange()
    {
        (await Http.PostAsJsonAsync("/api/sandboxes", new SandboxInput("trial"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var copied = await Http.GetStringAsync("/api/sandboxes/trial/config");
        var changed = copied.Replace(DailySchedule,
            "  - name: vip-daily\n    cron: \"0 9 * * *\"\n    timeZone: Europe/Istanbul\n    paused: false\n  - name: vip-weekly\n    after: vip-daily\n    paused: false\n",
            StringComparison.Ordinal);
        (await Http.PostAsync("/api/sandboxes/trial/config/apply", new StringContent(changed))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var review = await HeraldApi.ReadAsync<SandboxReviewView>(await Http.GetAsync("/api/sandboxes/trial"), HttpStatusCode.OK);
        var productionBefore = await ScheduleAsync("vip-daily");
        var promoted = await HeraldApi.ReadAsync<ConfigurationAppliedView>(
            await Http.PostAsJsonAsync("/api/sandboxes/trial/promote", new PromoteInput("later daily send, weekly after it")), HttpStatusCode.OK);

        copied.ShouldContain("schedules:\n" + DailySchedule);
        review.ToPromote.Summary.ShouldBe("1 added, 1 changed, 0 removed");
        review.Warnings.ShouldContain("The sandbox holds 2 schedule(s): a sandbox's schedules never fire; they start runs once promoted.");
        productionBefore.Cron.ShouldBe("0 6 * * *");
        promoted.Applied.ShouldBeTrue();
        (await ScheduleAsync("vip-daily")).Cron.ShouldBe("0 9 * * *");
        (await ScheduleAsync("vip-weekly")).After.ShouldNotBeNull().Name.ShouldBe("vip-daily");
    }

    private async Task<ConfigurationAppliedView> ApplyAsync(string file) =>
        await HeraldApi.ReadAsync<ConfigurationAppliedView>(await Http.PostAsync("/api/config/apply", new StringContent(file)), HttpStatusCode.OK);

    private async Task<ScheduleView> ScheduleAsync(string orchestration) =>
        (await Http.GetFromJsonAsync<ScheduleView>($"/api/orchestrations/{orchestration}/schedule", HeraldApi.Json))!;
}
