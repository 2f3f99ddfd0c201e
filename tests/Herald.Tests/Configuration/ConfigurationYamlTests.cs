using System.Text.Json.Nodes;
using Herald.Application.Configuration;
using Herald.Core.Catalog;

namespace Herald.Tests.Configuration;

public sealed class ConfigurationYamlTests
{
    private static readonly CatalogDocument Sample = new(
        [new CredentialEntry("insider", "insiderone", SettingsDocument.Parse("""{"partnerName":"herald-demo"}"""), "Production account")],
        [
            new DestinationEntry("vip", "insider",
                SettingsDocument.Parse("""{"segmentName":"VIP: gold # tier","attributeName":"email","updateMode":"replace","allowSplit":true,"shrinkGuardShare":0.5}"""), null),
            // Strings that plain YAML would read as something else must come back as the same strings.
            new DestinationEntry("odd", "insider", SettingsDocument.Parse("""{"segmentName":"true","attributeName":"123","note":"","list":["null","~",1.5e3,false]}"""),
                "line one\nline two: with colon"),
        ],
        [
            new OrchestrationEntry("vip-daily", "vip", "SELECT email\nFROM Customer_360\n  WHERE loyalty_tier = 'gold' -- \"quoted\" # not a comment", AllowEmpty: true, "Every morning"),
            new OrchestrationEntry("one-line", "odd", "SELECT email FROM Customer_360", AllowEmpty: false, null),
        ]);

    [Fact]
    public void Write_ThenRead_GivesTheSameDocument_AndWritingItAgainTheSameText()
    {
        var text = ConfigurationYaml.Write(Sample);

        var read = ConfigurationYaml.Read(text);

        read.Problems.ShouldBeEmpty(text);
        var document = read.Document.ShouldNotBeNull();
        CatalogDifference.Between(Sample, document).IsEmpty.ShouldBeTrue(text);
        ConfigurationYaml.Write(document).ShouldBe(text);
    }

    [Fact]
    public void Read_WhenTheFileIsABillionLaughsOfAliases_IsRefusedBeforeAnythingIsExpanded()
    {
        var bomb = """
            version: 1
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            """;

        var read = ConfigurationYaml.Read(bomb);

        read.Document.ShouldBeNull();
        read.Problems.ShouldHaveSingleItem().ShouldStartWith("Line 2: YAML anchors (&a) are not accepted");
    }

    [Fact]
    public void Read_WhenKeysAreUnknown_NamesEachKeyWithItsLine()
    {
        var text = """
            version: 1
            credentials:
              - name: insider
                plugin: insiderone
                token: secret-in-the-file
            destinations: []
            orchestration: []
            """;

        var read = ConfigurationYaml.Read(text);

        read.Document.ShouldBeNull();
        read.Problems.ShouldBe([
            "Line 7: unknown key 'orchestration' in the file; the keys are version, credentials, destinations, schedules, orchestrations, segments.",
            "Line 5: unknown key 'token' in credential at line 3; the keys are name, plugin, description, settings.",
        ], ignoreOrder: true);
    }

    [Theory]
    [InlineData("version: 1\ncredentials:\n  - !!binary name: x\n", "YAML tags")]
    [InlineData("version: 1\n---\nversion: 1\n", "more than one YAML document")]
    [InlineData("credentials: []\n", "version: 1")]
    [InlineData("version: 2\n", "version: 1")]
    [InlineData("- just\n- a list\n", "is not a configuration")]
    [InlineData("version: 1\ncredentials: {name: x\n", "Line ")]
    [InlineData("version: 1\ndestinations:\n  - name: a\n    credential: c\n  - name: a\n    credential: c\n", "the destination 'a' is in the file twice")]
    [InlineData("version: 1\norchestrations:\n  - name: o\n    destination: d\n    query: SELECT 1\n    allowEmpty: sometimes\n", "'allowEmpty' of the orchestration at line 3 is true or false")]
    public void Read_WhenTheFileIsMalformed_SaysWhatToChange(string text, string expected)
    {
        var read = ConfigurationYaml.Read(text);

        read.Document.ShouldBeNull();
        read.Problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal), string.Join("\n", read.Problems));
    }

    [Fact]
    public void Read_WhenNestedDeeperThanTheLimit_IsRefusedWithoutRecursingIntoIt()
    {
        var deep = "version: 1\ncredentials: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var read = ConfigurationYaml.Read(deep);

        read.Problems.ShouldHaveSingleItem().ShouldContain($"nested more than {ConfigurationYaml.MaxDepth} levels");
    }

    [Fact]
    public void Read_SettingsKeepTheirJsonTypes()
    {
        var text = "version: 1\ndestinations:\n  - name: d\n    credential: c\n    settings:\n      allowSplit: true\n      share: 0.25\n      label: \"true\"\n      empty: null\n";

        var settings = ConfigurationYaml.Read(text).Document!.Destinations.Single().Settings.ToJsonObject();

        settings["allowSplit"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.True);
        settings["share"]!.GetValue<double>().ShouldBe(0.25);
        settings["label"]!.GetValue<string>().ShouldBe("true");
        settings.ContainsKey("empty").ShouldBeTrue();
        settings["empty"].ShouldBeNull();
        JsonNode.DeepEquals(settings, JsonNode.Parse("""{"allowSplit":true,"share":0.25,"label":"true","empty":null}""")).ShouldBeTrue();
    }
}
