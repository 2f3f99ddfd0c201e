using Herald.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Simulator.Tests.Support;

/// <summary>
/// Delays specified on the simulator's own clock, never on the wall clock: the test moves a fake clock forward one
/// step at a time until what it waits for happens, and a delay measured between two times the simulator recorded is at
/// least the setting however loaded the machine is. Only the lower bound is a specification: the clock goes on moving
/// while a request travels over loopback. A missing delay would measure the few steps of one round trip, so the delays
/// the tests set are many steps long.
/// </summary>
internal static class TimingAssertions
{
    /// <summary>One step of the fake clock: a delay is measured to within it.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>Moves <paramref name="clock"/> forward by <see cref="Step"/> until <paramref name="condition"/> holds.</summary>
    public static Task AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> condition, string what) =>
        Eventually.TrueAsync(() =>
        {
            if (condition())
            {
                return true;
            }
            clock.Advance(Step);
            return false;
        }, what);

    /// <summary>At least <paramref name="expected"/> on the simulator's clock, exactly: no allowance for early timers.</summary>
    public static void ShouldLastAtLeast(this TimeSpan actual, TimeSpan expected) =>
        actual.ShouldBeGreaterThanOrEqualTo(expected);
}
