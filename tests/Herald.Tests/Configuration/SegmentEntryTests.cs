using Herald.Application.Configuration;
using Herald.Core.Catalog;

namespace Herald.Tests.Configuration;

/// <summary>Saved segments, and orchestrations sending them, in the configuration document: file, difference and pull.</summary>
public sealed class SegmentEntryTests
{
    private static readonly CredentialEntry Insider = new("insider", "insiderone", SettingsDocument.Parse("""{"partnerName":"brand"}"""), null);
    private static readonly DestinationEntry Vip = new("vip", "insider", SettingsDocument.Parse("""{"segmentName":"VIP","attributeName":"email"}"""), null);
    private static readonly SegmentEntry Gold = new("gold", "SELECT amperity_id\nFROM Customer_360\nWHERE loyalty_tier = 'gold' -- \"tier\"", "Gold: \"VIP\"");
    private static readonly OrchestrationEntry GoldEmails = new("gold-emails", "vip", "", false, null) { Segment = "gold", IdentifierColumn = "email" };
    private static readonly CatalogDocument Base = new CatalogDocument([Insider], [Vip], [GoldEmails]) { Segments = [Gold] };

    [Fact]
    public void Write_ThenRead_KeepsSegmentsAndTheOrchestrationsSegmentFields_AndWritesTheSameText()
    {
        var text = ConfigurationYaml.Write(Base);

        var read = ConfigurationYaml.Read(text);

        read.Problems.ShouldBeEmpty(text);
        var document = read.Document.ShouldNotBeNull();
        CatalogDifference.Between(Base, document).IsEmpty.ShouldBeTrue(text);
        document.Segments.ShouldHaveSingleItem().ShouldBe(Gold);
        document.Orchestrations.ShouldHaveSingleItem().Segment.ShouldBe("gold");
        text.ShouldNotContain("query:");
        ConfigurationYaml.Write(document).ShouldBe(text);
    }

    [Fact]
    public void Write_OfACatalogWithoutSegments_HasNoSegmentsKey()
    {
        ConfigurationYaml.Write(new CatalogDocument([Insider], [Vip], [])).ShouldNotContain("\nsegments:");
    }

    [Theory]
    [InlineData("    destination: vip\n", "neither 'query' nor 'segment'")]
    [InlineData("    destination: vip\n    query: SELECT email FROM Customer_360\n    segment: gold\n    identifierColumn: email\n", "both 'query' and 'segment'")]
    [InlineData("    destination: vip\n    segment: gold\n", "'identifierColumn' of the orchestration at line 3 goes with 'segment'")]
    public void Read_AnOrchestrationThatIsNotExactlyAQueryOrASegment_IsRefusedWithItsLine(string fields, string problem)
    {
        var text = $"version: 1\norchestrations:\n  - name: o\n{fields}segments:\n  - name: gold\n    sql: SELECT amperity_id FROM Customer_360\n";

        var read = ConfigurationYaml.Read(text);

        read.Document.ShouldBeNull();
        read.Problems.ShouldContain(p => p.Contains(problem), string.Join("\n", read.Problems));
    }

    [Fact]
    public void Between_ASegmentChangedAndAnOrchestrationSwitchedFromItsQuery_ShowsEachFieldSideBySide()
    {
        var before = new CatalogDocument([Insider], [Vip], [new OrchestrationEntry("gold-emails", "vip", "SELECT email FROM Customer_360", false, null)]) { Segments = [Gold] };
        var after = Base with { Segments = [Gold with { Sql = "SELECT amperity_id FROM Customer_360" }] };

        var difference = CatalogDifference.Between(before, after);

        difference.Entries.Select(e => (e.Kind, e.Name, e.Change)).ShouldBe([
            ("orchestration", "gold-emails", DifferenceKind.Changed),
            ("segment", "gold", DifferenceKind.Changed),
        ]);
        difference.Entries[0].Fields.ShouldBe([
            new FieldDifference("identifierColumn", null, "email"),
            new FieldDifference("query", "SELECT email FROM Customer_360", null),
            new FieldDifference("segment", null, "gold"),
        ]);
        difference.Entries[1].Fields.ShouldBe([new FieldDifference("sql", Gold.Sql, "SELECT amperity_id FROM Customer_360")]);
    }

    [Fact]
    public void Merge_PullsASegmentProductionAddedAndChanged_KeepingTheSandboxsOwn()
    {
        var production = Base with { Segments = [Gold with { Description = "changed in production" }, new SegmentEntry("silver", "SELECT amperity_id FROM Customer_360", null)] };
        var sandbox = Base with { Segments = [Gold, new SegmentEntry("bronze", "SELECT amperity_id FROM Customer_360 LIMIT 5", null)] };

        var merged = CatalogMerge.Merge(Base, production, sandbox, new Dictionary<string, ConflictSide>());

        merged.Conflicts.ShouldBeEmpty();
        var segments = merged.Merged.ShouldNotBeNull().Segments;
        segments.Select(s => s.Name).ShouldBe(["bronze", "gold", "silver"]);
        segments.Single(s => s.Name == "gold").Description.ShouldBe("changed in production");
        merged.Merged.Orchestrations.ShouldHaveSingleItem().IdentifierColumn.ShouldBe("email");
    }
}
