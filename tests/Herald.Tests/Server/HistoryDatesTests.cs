using Herald.Server.Web.Display;

namespace Herald.Tests.Server;

/// <summary>The run history's time filters and date search, in UTC as the pages show times.</summary>
public sealed class HistoryDatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("today", "2026-11-30T00:00:00", "2026-12-01T00:00:00")]
    [InlineData("yesterday", "2026-11-29T00:00:00", "2026-11-30T00:00:00")]
    [InlineData("7d", "2026-11-24T00:00:00", "2026-12-01T00:00:00")]
    public void Range_OfAChoice_CoversItsDays(string when, string from, string before)
    {
        var (start, end, problem) = HistoryDates.Range(when, null, null, Now);

        problem.ShouldBeNull();
        start.ShouldBe(DateTimeOffset.Parse(from + "Z"));
        end.ShouldBe(DateTimeOffset.Parse(before + "Z"));
    }

    [Fact]
    public void Range_BetweenDays_IncludesTheLastDay_AndRefusesDaysInTheWrongOrder()
    {
        HistoryDates.Range("range", "2026-11-01", "2026-11-03", Now).ShouldBe((DateTimeOffset.Parse("2026-11-01T00:00:00Z"), DateTimeOffset.Parse("2026-11-04T00:00:00Z"), (string?)null));
        HistoryDates.Range("range", "2026-11-05", "2026-11-03", Now).Problem.ShouldBe("The first day comes after the last day; swap them.");
        HistoryDates.Range("range", "yesterday-ish", null, Now).Problem!.ShouldContain("YYYY-MM-DD");
        HistoryDates.Range("'; DROP TABLE runs", null, null, Now).Problem!.ShouldContain("Unknown time filter");
    }

    [Theory]
    [InlineData("2026-11-29", "2026-11-29T00:00:00", "2026-11-30T00:00:00")]
    [InlineData("Nov 29", "2026-11-29T00:00:00", "2026-11-30T00:00:00")]
    [InlineData("Dec 5", "2025-12-05T00:00:00", "2025-12-06T00:00:00")]
    [InlineData("Nov 29, 14:03", "2026-11-29T14:03:00", "2026-11-29T14:04:00")]
    [InlineData("2026-11-29 14:03", "2026-11-29T14:03:00", "2026-11-29T14:04:00")]
    public void Search_ForADateAsThePagesWriteIt_FindsThatDayOrMinute_TheLatestOneNotAfterToday(string search, string from, string before)
    {
        HistoryDates.TrySearch(search, Now, out var start, out var end).ShouldBeTrue();

        start.ShouldBe(DateTimeOffset.Parse(from + "Z"));
        end.ShouldBe(DateTimeOffset.Parse(before + "Z"));
    }

    [Theory]
    [InlineData("VIP customers")]
    [InlineData("401")]
    [InlineData("Feb 29")]
    [InlineData("")]
    public void Search_ForAnythingElse_IsText(string search) =>
        HistoryDates.TrySearch(search, Now, out _, out _).ShouldBeFalse();
}
