using Herald.Core.Catalog;
using Herald.Core.Updates;
using Herald.InsiderOne;
using Microsoft.Extensions.Options;

namespace Herald.Tests.InsiderOne;

/// <summary>Insider One's plugin owns its settings documents: it reads them, and refuses what it does not know, naming what to change.</summary>
public sealed class InsiderOneSettingsTests
{
    private readonly InsiderOnePlugin _plugin = new(Options.Create(new InsiderOneOptions()));

    [Fact]
    public void CheckDestination_OfAFormsSettings_PassesAndRoutesWithEverySetting()
    {
        var settings = InsiderOneDestinationSettings.Document("VIP customers", "email", "add", allowSplit: true, shrinkGuardShare: 0.3);

        _plugin.CheckDestination(settings).ShouldBeEmpty();
        _plugin.RouteOf(settings).ShouldBe(new SegmentRoute("VIP customers", "email", SegmentUpdateMode.Add, true, 0.3));
    }

    [Fact]
    public void CheckDestination_WithASettingInsiderOneDoesNotTake_RefusesItByName_Cut()
    {
        var hostile = new string('x', 5_000);
        var settings = SettingsDocument.Parse($$"""{"segmentName":"VIP","attributeName":"email","segmentNmae":"typo","{{hostile}}":1}""");

        var problems = _plugin.CheckDestination(settings);

        problems.Count.ShouldBe(2);
        problems[0].Message.ShouldContain("'segmentNmae' is not one Insider One takes; remove it");
        problems[1].Message.Length.ShouldBeLessThan(400);
        Should.Throw<FormatException>(() => _plugin.RouteOf(settings));
    }

    [Fact]
    public void CheckDestination_WithSettingsOfTheWrongKind_NamesEachField()
    {
        var settings = SettingsDocument.Parse("""{"segmentName":7,"attributeName":"email","allowSplit":"yes","shrinkGuardShare":"NaN"}""");

        _plugin.CheckDestination(settings).Select(p => p.Field).ShouldBe(["SegmentName", "AllowSplit", "ShrinkGuardShare"]);
    }

    [Fact]
    public void CheckDestination_WithAnUnknownUpdateModeOrAShareAboveOne_SaysWhatFits()
    {
        _plugin.CheckDestination(InsiderOneDestinationSettings.Document("VIP", "email", "merge")).ShouldHaveSingleItem()
            .ShouldBe(new FieldProblem("UpdateMode", "The update mode 'merge' is not known: use 'replace' (the segment becomes exactly the audience) or 'add' (members are never removed)."));
        _plugin.CheckDestination(InsiderOneDestinationSettings.Document("VIP", "email", shrinkGuardShare: 1.5)).ShouldHaveSingleItem().Field.ShouldBe("ShrinkGuardShare");
        _plugin.CheckDestination(InsiderOneDestinationSettings.Document("VIP", "email", shrinkGuardShare: double.PositiveInfinity)).ShouldHaveSingleItem().Field.ShouldBe("ShrinkGuardShare");
    }

    [Fact]
    public void CheckCredential_New_NeedsThePartnerNameAndTheToken_AndRefusesASecretInsiderOneHasNot()
    {
        _plugin.CheckCredential(SettingsDocument.Empty, SecretValues.None, isNew: true).Select(p => p.Field).ShouldBe(["PartnerName", "ApiToken"]);
        _plugin.CheckCredential(InsiderOneCredentialSettings.Document("mybrand"), InsiderOneCredentialSettings.Secrets("token"), isNew: true).ShouldBeEmpty();
        _plugin.CheckCredential(InsiderOneCredentialSettings.Document("mybrand"), SecretValues.Of("private-key", "k"), isNew: false)
            .ShouldHaveSingleItem().Message.ShouldContain("'private-key' is not one of them");
    }

    [Fact]
    public void AccountOf_ACredential_IsItsPartnerNameAndToken()
    {
        var account = _plugin.AccountOf(InsiderOneCredentialSettings.Document("mybrand"), InsiderOneCredentialSettings.Secrets("s3cr3t"));

        account.ShouldBe(new Herald.Core.Ports.SegmentAccount("mybrand", "s3cr3t"));
        account.ToString().ShouldNotContain("s3cr3t");
    }
}
