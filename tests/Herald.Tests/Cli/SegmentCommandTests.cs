namespace Herald.Tests.Cli;

[Collection(HeraldServerCollection.Name)]
public sealed class SegmentCommandTests(HeraldServerFixture server)
{
    [Fact]
    public async Task SegmentAdd_ThenOrchestrationAddWithTheSegment_RunsAndSends_AndPreviewShowsTheCountsPerIdentifier()
    {
        var destination = await server.AddDestinationAsync("seg-run");
        var added = await server.RunAsync("segment", "add", "seg-gold", "--query", "SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'gold'",
            "--description", "Gold tier");
        var orchestration = await server.RunAsync("orchestration", "add", "seg-gold-emails", "--destination", destination,
            "--segment", "seg-gold", "--identifier-column", "email");

        var run = await server.RunAsync("orchestration", "run", "seg-gold-emails", "--wait");
        var preview = await server.RunAsync("segment", "preview", "seg-gold", "--destination", destination);
        var shown = await server.RunAsync("segment", "show", "seg-gold");
        var listed = await server.RunAsync("segment", "list");

        added.ExitCode.ShouldBe(0, added.ToString());
        orchestration.ExitCode.ShouldBe(0, orchestration.ToString());
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("succeeded");
        preview.ExitCode.ShouldBe(0, preview.ToString());
        preview.Output.ShouldContain("The segment has");
        preview.Output.ShouldContain("Usable values");
        preview.Output.ShouldContain("email (PII)");
        shown.Output.ShouldContain("seg-gold-emails");
        listed.Output.ShouldContain("seg-gold");
    }

    [Fact]
    public async Task SegmentRemove_WhileSent_ExitsNonZeroNamingTheOrchestration_AndOrchestrationAddRefusesAQueryWithASegment()
    {
        var destination = await server.AddDestinationAsync("seg-used");
        (await server.RunAsync("segment", "add", "seg-used", "--query", "SELECT amperity_id FROM Customer_360")).ExitCode.ShouldBe(0);
        (await server.RunAsync("orchestration", "add", "seg-used-emails", "--destination", destination, "--segment", "seg-used", "--identifier-column", "email"))
            .ExitCode.ShouldBe(0);

        var removed = await server.RunAsync("segment", "remove", "seg-used");
        var both = await server.RunAsync("orchestration", "add", "seg-both", "--destination", destination, "--segment", "seg-used", "--identifier-column", "email",
            "--query", "SELECT email FROM Customer_360");
        var columnAlone = await server.RunAsync("orchestration", "add", "seg-alone", "--destination", destination, "--segment", "seg-used");

        removed.ExitCode.ShouldNotBe(0);
        removed.Error.ShouldContain("seg-used-emails");
        both.ExitCode.ShouldNotBe(0);
        both.Error.ShouldContain("one of them");
        columnAlone.ExitCode.ShouldNotBe(0);
        columnAlone.Error.ShouldContain("go together");
    }
}
