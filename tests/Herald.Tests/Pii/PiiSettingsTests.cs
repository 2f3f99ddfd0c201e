using Herald.Tests.Support;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Pii;

/// <summary>Herald:Source:PiiColumns and Herald:Source:MaxPiiColumns are checked when Herald starts, naming the setting.</summary>
public sealed class PiiSettingsTests
{
    [Theory]
    [InlineData("Herald:Source:PiiColumns:0", "email", "Herald:Source:PiiColumns holds 'email'")]
    [InlineData("Herald:Source:PiiColumns:0", "Customer_360.e mail", "Herald:Source:PiiColumns holds 'Customer_360.e mail'")]
    [InlineData("Herald:Source:PiiColumns:0", "main.Customer_360.email", "Herald:Source:PiiColumns holds 'main.Customer_360.email'")]
    [InlineData("Herald:Source:MaxPiiColumns", "0", "Herald:Source:MaxPiiColumns must be between")]
    public async Task Start_WithAMalformedPiiSetting_IsRefusedNamingTheSetting(string setting, string value, string message)
    {
        using var directory = new TestDirectory("piisettings");
        await using var simulator = await Herald.Simulator.InsiderOneSimulator.StartAsync(new Herald.Simulator.SimulatorOptions());

        var sample = await TestDatabases.SampleAsync();

        var refused = await Should.ThrowAsync<OptionsValidationException>(() => HeraldHarness.StartHeraldAsync(
            directory.File("data"), simulator, sample, new Dictionary<string, string?> { [setting] = value }, null));

        refused.Message.ShouldContain(message);
    }
}
