using Herald.Core.Catalog;

namespace Herald.Application.UseCases;

/// <summary>A credential to add. The secrets travel only inward: they are encrypted by the store and never shown again.</summary>
/// <param name="Plugin">The plugin the account is for; null for Insider One.</param>
/// <param name="Settings">The plugin's settings of the account (Insider One: the partner name), checked by the plugin.</param>
/// <param name="Secrets">Every secret the plugin names (Insider One: the API token); <see cref="SecretValues"/> never prints them.</param>
public sealed record CredentialDraft(string? Name, string? Plugin, SettingsDocument Settings, SecretValues Secrets, string? Description);
