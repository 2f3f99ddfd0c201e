namespace Herald.Simulator.Tests.Support;

internal static class TimingAssertions
{
    /// <summary>At least <paramref name="expected"/>, less a tenth: timers may fire a few milliseconds early, and
    /// wall-clock and monotonic time drift apart slightly. Still far above what a missing delay would measure.</summary>
    public static void ShouldLastAtLeast(this TimeSpan actual, TimeSpan expected) =>
        actual.ShouldBeGreaterThanOrEqualTo(expected * 0.9);
}
