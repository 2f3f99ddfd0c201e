using Herald.Application.Configuration;
using Herald.Core.Catalog;

namespace Herald.Tests.Configuration;

public sealed class CatalogMergeTests
{
    private static readonly CredentialEntry Insider = new("insider", "insiderone", SettingsDocument.Parse("""{"partnerName":"brand"}"""), null);
    private static readonly DestinationEntry Vip = new("vip", "insider", SettingsDocument.Parse("""{"segmentName":"VIP","attributeName":"email"}"""), null);
    private static readonly OrchestrationEntry Daily = new("daily", "vip", "SELECT email FROM Customer_360", false, null);
    private static readonly CatalogDocument Base = new([Insider], [Vip], [Daily]);
    private static readonly Dictionary<string, ConflictSide> NoResolutions = [];

    [Fact]
    public void Merge_TakesWhatOnlyProductionChanged_AndKeepsWhatOnlyTheSandboxChanged_FieldByField()
    {
        var production = Base with { Destinations = [Vip with { Description = "described in production" }] };
        var sandbox = Base with
        {
            Destinations = [Vip with { Settings = SettingsDocument.Parse("""{"segmentName":"VIP sandbox","attributeName":"email"}""") }],
            Orchestrations = [Daily, new OrchestrationEntry("weekly", "vip", "SELECT email FROM Customer_360", true, null)],
        };

        var merged = CatalogMerge.Merge(Base, production, sandbox, NoResolutions);

        merged.Conflicts.ShouldBeEmpty();
        var vip = merged.Merged.ShouldNotBeNull().Destinations.ShouldHaveSingleItem();
        vip.Description.ShouldBe("described in production");
        vip.Settings.ToJsonObject()["segmentName"]!.GetValue<string>().ShouldBe("VIP sandbox");
        merged.Merged.Orchestrations.Select(o => o.Name).ShouldBe(["daily", "weekly"]);
    }

    [Fact]
    public void Merge_WhenBothChangedTheSameField_ListsTheConflict_UntilASideIsChosen()
    {
        var production = Base with { Destinations = [Vip with { Settings = SettingsDocument.Parse("""{"segmentName":"VIP prod","attributeName":"email"}""") }] };
        var sandbox = Base with { Destinations = [Vip with { Settings = SettingsDocument.Parse("""{"segmentName":"VIP sandbox","attributeName":"email"}""") }] };

        var unresolved = CatalogMerge.Merge(Base, production, sandbox, NoResolutions);
        var resolved = CatalogMerge.Merge(Base, production, sandbox, new Dictionary<string, ConflictSide> { ["destination/vip/settings.segmentName"] = ConflictSide.Production });

        unresolved.Merged.ShouldBeNull();
        unresolved.Conflicts.ShouldHaveSingleItem().ShouldBe(new FieldConflict("destination", "vip", "settings.segmentName", "\"VIP\"", "\"VIP prod\"", "\"VIP sandbox\""));
        resolved.Merged!.Destinations.Single().Settings.ToJsonObject()["segmentName"]!.GetValue<string>().ShouldBe("VIP prod");
    }

    [Fact]
    public void Merge_WhenOneSideRemovedWhatTheOtherChanged_IsAConflictOfTheWholeEntry()
    {
        var production = Base with { Orchestrations = [] };
        var sandbox = Base with { Orchestrations = [Daily with { AllowEmpty = true }] };

        var unresolved = CatalogMerge.Merge(Base, production, sandbox, NoResolutions);
        var keptBySandbox = CatalogMerge.Merge(Base, production, sandbox, new Dictionary<string, ConflictSide> { ["orchestration/daily/*"] = ConflictSide.Sandbox });

        unresolved.Conflicts.ShouldHaveSingleItem().Key.ShouldBe("orchestration/daily/*");
        keptBySandbox.Merged!.Orchestrations.ShouldHaveSingleItem().AllowEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Merge_WhenAResolutionNamesNoConflict_ReportsIt()
    {
        var merged = CatalogMerge.Merge(Base, Base, Base, new Dictionary<string, ConflictSide> { ["destination/vip/settings.segmentNam"] = ConflictSide.Sandbox });

        merged.UnusedResolutions.ShouldBe(["destination/vip/settings.segmentNam"]);
    }

    [Fact]
    public void Merge_OfUnchangedSides_IsTheBase()
    {
        var merged = CatalogMerge.Merge(Base, Base, Base, NoResolutions);

        CatalogDifference.Between(Base, merged.Merged!).IsEmpty.ShouldBeTrue();
    }
}
