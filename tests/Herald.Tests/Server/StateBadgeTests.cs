using Herald.Server.Web.Display;

namespace Herald.Tests.Server;

/// <summary>A bridge sync's states are coloured like a run's: in flight while it loads and shares, green or red at the end.</summary>
public sealed class StateBadgeTests
{
    [Theory]
    [InlineData("loading")]
    [InlineData("sharing")]
    [InlineData("building")]
    public void SyncStates_InFlight_AreColouredLikeARunInFlight(string state)
    {
        var html = StateBadge.Of(state).ToString()!;

        html.ShouldContain($"state-{state}");
        html.ShouldContain("in-flight");
        html.ShouldNotContain("state-unknown");
    }

    [Theory]
    [InlineData("succeeded")]
    [InlineData("failed")]
    public void SyncStates_Final_AreColouredLikeARunsEnd(string state) =>
        StateBadge.Of(state).ToString()!.ShouldBe($"<span class=\"badge state-{state}\" data-state=\"{state}\">{Herald.Server.Web.Display.Format.StateLabel(state)}</span>");
}
