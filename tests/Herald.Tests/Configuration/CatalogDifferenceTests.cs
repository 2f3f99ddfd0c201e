using Herald.Application.Configuration;
using Herald.Core.Catalog;

namespace Herald.Tests.Configuration;

public sealed class CatalogDifferenceTests
{
    private static readonly CredentialEntry Insider = new("insider", "insiderone", SettingsDocument.Parse("""{"partnerName":"brand"}"""), null);
    private static readonly DestinationEntry Vip = new("vip", "insider", SettingsDocument.Parse("""{"segmentName":"VIP","attributeName":"email"}"""), null);
    private static readonly OrchestrationEntry Daily = new("daily", "vip", "SELECT email FROM Customer_360", false, null);

    [Fact]
    public void Between_TheSameDocument_IsEmpty()
    {
        var document = new CatalogDocument([Insider], [Vip], [Daily]);

        CatalogDifference.Between(document, document with { }).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Between_GroupsAddedChangedRemoved_AndShowsOnlyTheChangedFieldsSideBySide()
    {
        var before = new CatalogDocument([Insider], [Vip], [Daily]);
        var after = new CatalogDocument(
            [Insider],
            [Vip with { Settings = SettingsDocument.Parse("""{"segmentName":"VIP 2","attributeName":"email","allowSplit":true}""") }],
            [new OrchestrationEntry("weekly", "vip", "SELECT email FROM Customer_360", true, "weekly")]);

        var difference = CatalogDifference.Between(before, after);

        difference.Summary.ShouldBe("1 added, 1 changed, 1 removed");
        difference.Entries.Select(e => (e.Kind, e.Name, e.Change)).ShouldBe([
            ("destination", "vip", DifferenceKind.Changed),
            ("orchestration", "daily", DifferenceKind.Removed),
            ("orchestration", "weekly", DifferenceKind.Added),
        ]);
        difference.Entries[0].Fields.ShouldBe([
            new FieldDifference("settings.allowSplit", null, "true"),
            new FieldDifference("settings.segmentName", "\"VIP\"", "\"VIP 2\""),
        ]);
        difference.Entries[1].Fields.ShouldContain(new FieldDifference("query", "SELECT email FROM Customer_360", null));
        difference.Entries[2].Fields.ShouldContain(new FieldDifference("allowEmpty", null, "true"));
    }

    [Fact]
    public void Between_ASwitchAndTheStringOfTheSameWord_Differ()
    {
        var asSwitch = new CatalogDocument([], [Vip with { Settings = SettingsDocument.Parse("""{"allowSplit":true}""") }], []);
        var asText = new CatalogDocument([], [Vip with { Settings = SettingsDocument.Parse("""{"allowSplit":"true"}""") }], []);

        CatalogDifference.Between(asSwitch, asText).Entries.ShouldHaveSingleItem().Fields.ShouldHaveSingleItem()
            .ShouldBe(new FieldDifference("settings.allowSplit", "true", "\"true\""));
    }
}
