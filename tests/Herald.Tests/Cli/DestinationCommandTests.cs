namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class DestinationCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task Add_WithSegmentNameOf41Characters_IsRefusedNamingTheLimit()
    {
        await server.AddDestinationAsync("long-segment");
        var segmentName = new string('s', 41);

        var result = await server.RunAsync(
            "destination", "add", "too-long-segment", "--credential", "long-segment-cred", "--segment-name", segmentName, "--attribute-name", "email");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("40");
        result.Error.ShouldContain("41");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_OfAnAddedDestination_PrintsItsSegmentAndAttribute()
    {
        var destination = await server.AddDestinationAsync("shown");

        var result = await server.RunAsync("destination", "show", destination);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("CLI shown");
        result.Output.ShouldContain("email");
    }

    [Fact]
    public async Task Show_OfAnUnknownDestination_IsAnApiErrorWithExitCode2()
    {
        var result = await server.RunAsync("destination", "show", "no-such-destination");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldStartWith("error:");
    }
}
