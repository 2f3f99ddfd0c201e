using Herald.Tests.Support;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Schedules;

/// <summary>Schedule settings are checked when Herald starts: a bad value stops it, naming the setting.</summary>
public sealed class ScheduleSettingsTests
{
    [Theory]
    [InlineData("Herald:Schedules:MinimumInterval", "00:00:01")]
    [InlineData("Herald:Schedules:PauseAfterFailures", "0")]
    [InlineData("Herald:Schedules:MaxSleep", "1.00:00:00")]
    [InlineData("Herald:Schedules:MaxChainLength", "100000")]
    public async Task Start_WithAScheduleSettingOutOfRange_IsRefusedNamingTheSetting(string setting, string value)
    {
        using var directory = new TestDirectory("schedule-settings");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());
        var sample = await TestDatabases.SampleAsync();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            Path.Combine(directory.Path, "data"), simulator, sample, new Dictionary<string, string?> { [setting] = value }, null));

        refused.Message.ShouldContain(setting);
    }
}
