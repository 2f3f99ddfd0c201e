using Herald.Core.Catalog;

namespace Herald.Tests.Core;

/// <summary>A plugin's settings document: one JSON object, bounded, changed by merge patches.</summary>
public sealed class SettingsDocumentTests
{
    [Fact]
    public void MergedWith_APatch_ReplacesWhatItGives_RemovesWhatItSetsToNull_AndKeepsTheRest()
    {
        var stored = SettingsDocument.Parse("""{"segmentName":"VIP","attributeName":"email","shrinkGuardShare":0.2}""");

        var merged = stored.MergedWith(SettingsDocument.Parse("""{"segmentName":"Gold","shrinkGuardShare":null}"""));

        merged.ShouldBe(SettingsDocument.Parse("""{"segmentName":"Gold","attributeName":"email"}"""));
        stored.Json.ShouldBe("""{"segmentName":"VIP","attributeName":"email","shrinkGuardShare":0.2}""");
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}""")]
    public void Parse_TextThatIsNotOneShallowJsonObject_IsRefused(string json) =>
        Should.Throw<FormatException>(() => SettingsDocument.Parse(json));

    [Fact]
    public void Parse_AndFrom_RefuseADocumentOverTheLimit()
    {
        var large = $$"""{"segmentName":"{{new string('a', SettingsDocument.MaxLength)}}"}""";

        Should.Throw<FormatException>(() => SettingsDocument.Parse(large)).Message.ShouldContain("at most 16,384");
        Should.Throw<FormatException>(() => SettingsDocument.From(new System.Text.Json.Nodes.JsonObject { ["segmentName"] = new string('a', SettingsDocument.MaxLength) }));
    }
}
