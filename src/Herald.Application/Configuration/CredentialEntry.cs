using Herald.Core.Catalog;

namespace Herald.Application.Configuration;

/// <summary>A credential without its secrets: what a configuration file or a sandbox holds of it.</summary>
/// <param name="Plugin">The plugin id, such as <c>insiderone</c>.</param>
/// <param name="Settings">The plugin's non-secret settings (Insider One: <c>partnerName</c>).</param>
public sealed record CredentialEntry(string Name, string Plugin, SettingsDocument Settings, string? Description) : ICatalogEntry
{
    public const string KindName = "credential";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("plugin", Plugin), ("description", Description)).WithSettings(Settings);
}
