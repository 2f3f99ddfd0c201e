using Herald.Application.Schedules;

namespace Herald.Tests.Schedules;

/// <summary>Cron expressions read in a real time zone (Europe/Berlin): the nights the clock jumps, and what is refused.</summary>
public sealed class CronSlotsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DailyAt0230_OnTheNightTheClockSkipsIt_FiresOnceAtTheJump()
    {
        var cron = Read("30 2 * * *", "Europe/Berlin");

        // 2026-03-29: Berlin goes from 02:00 CET straight to 03:00 CEST.
        var (slots, count) = cron.DueBetween(At(2026, 3, 27, 12), At(2026, 3, 30, 12), 10);

        count.ShouldBe(3);
        slots.ShouldBe([At(2026, 3, 28, 1, 30), At(2026, 3, 29, 1, 0), At(2026, 3, 30, 0, 30)]);
    }

    [Fact]
    public void DailyAt0230_OnTheNightTheClockRepeatsIt_FiresOnce()
    {
        var cron = Read("30 2 * * *", "Europe/Berlin");

        // 2026-10-25: Berlin goes from 03:00 CEST back to 02:00 CET; 02:30 happens twice.
        var (slots, count) = cron.DueBetween(At(2026, 10, 23, 12), At(2026, 10, 26, 12), 10);

        count.ShouldBe(3);
        slots.ShouldBe([At(2026, 10, 24, 0, 30), At(2026, 10, 25, 0, 30), At(2026, 10, 26, 1, 30)]);
    }

    [Fact]
    public void Read_ShowsTheNextTimesOnTheZonesClock()
    {
        var cron = Read("0 6 * * *", "Europe/Istanbul");

        var next = cron.Next(Now, 5).Select(cron.InZone).ToList();

        next.Count.ShouldBe(5);
        next.ShouldAllBe(at => at.Hour == 6 && at.Offset == TimeSpan.FromHours(3));
        next[0].UtcDateTime.ShouldBe(new DateTime(2026, 3, 1, 3, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("* * * * *", "Cron", "MinimumInterval")]
    [InlineData("*/2 * * * *", "Cron", "MinimumInterval")]
    [InlineData("0,1 6 * * *", "Cron", "MinimumInterval")]
    [InlineData("* * * * * *", "Cron", "five")]
    [InlineData("0 6 * *", "Cron", "five")]
    [InlineData("0 25 * * *", "Cron", "not valid")]
    [InlineData("0 0 30 2 *", "Cron", "never fires")]
    [InlineData("", "Cron", "Give a cron expression")]
    public void Read_WhenTheExpressionIsAbsurd_RefusesSayingWhatToChange(string cron, string field, string saying)
    {
        var (slots, problems) = CronSlots.Read(cron, "UTC", TimeSpan.FromMinutes(5), Now);

        slots.ShouldBeNull();
        problems.ShouldHaveSingleItem().Field.ShouldBe(field);
        problems[0].Message.ShouldContain(saying);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Istanbul; DROP TABLE schedules")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/UTC")]
    [InlineData("Europe/../Europe/Berlin")]
    [InlineData("")]
    public void Read_WhenTheZoneIsUnknown_RefusesNamingAnIanaExample(string zone)
    {
        var (slots, problems) = CronSlots.Read("0 6 * * *", zone, TimeSpan.FromMinutes(5), Now);

        slots.ShouldBeNull();
        problems.ShouldHaveSingleItem().Field.ShouldBe("TimeZone");
        problems[0].Message.ShouldContain("Europe/Istanbul");
    }

    [Fact]
    public void Read_WhenTheInputsAreHuge_RefusesWithoutEchoingThemWhole()
    {
        var huge = new string('5', 100_000);

        var (_, cronProblems) = CronSlots.Read(huge, "UTC", TimeSpan.FromMinutes(5), Now);
        var (_, zoneProblems) = CronSlots.Read("0 6 * * *", huge, TimeSpan.FromMinutes(5), Now);

        cronProblems.ShouldHaveSingleItem().Message.Length.ShouldBeLessThan(300);
        zoneProblems.ShouldHaveSingleItem().Message.Length.ShouldBeLessThan(300);
    }

    private static CronSlots Read(string cron, string zone)
    {
        var (slots, problems) = CronSlots.Read(cron, zone, TimeSpan.FromMinutes(5), Now);
        problems.ShouldBeEmpty();
        return slots!;
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
