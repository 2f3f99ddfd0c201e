using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>A destination, naming its credential.</summary>
/// <param name="Settings">The plugin's settings (Insider One: segment name, attribute, update mode, splitting, shrink guard).</param>
/// <param name="AdminOnly">Only callers allowed destination:admin-only see and use it (access.md).</param>
/// <param name="PiiAllowed">Callers whose policy restricts personal data may still send to it (access.md).</param>
public sealed record DestinationEntry(string Name, string Credential, SettingsDocument Settings, string? Description, bool AdminOnly = false, bool PiiAllowed = false)
    : ICatalogEntry
{
    public const string KindName = "destination";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("credential", Credential), ("description", Description), ("adminOnly", AdminOnly ? "true" : "false"),
            ("piiAllowed", PiiAllowed ? "true" : "false")).WithSettings(Settings);
}
