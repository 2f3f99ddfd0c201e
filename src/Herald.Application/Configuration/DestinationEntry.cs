using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>A destination, naming its credential.</summary>
/// <param name="Settings">The plugin's settings (Insider One: segment name, attribute, update mode, splitting, shrink guard).</param>
public sealed record DestinationEntry(string Name, string Credential, SettingsDocument Settings, string? Description) : ICatalogEntry
{
    public const string KindName = "destination";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("credential", Credential), ("description", Description)).WithSettings(Settings);
}
