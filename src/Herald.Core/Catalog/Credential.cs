namespace Herald.Core.Catalog;

/// <summary>
/// Access to one account at a destination, whatever its kind. Its secrets are not part of this record on purpose:
/// they live only encrypted in the store, each under its name, and are decrypted at the moment a request is sent.
/// </summary>
/// <param name="Plugin">The destination plugin the account is for (<see cref="Plugins"/>); it owns the settings and names the secrets.</param>
/// <param name="Settings">The plugin's non-secret settings of the account (Insider One: the partner name).</param>
public sealed record Credential(
    Guid Id,
    string Name,
    string Plugin,
    SettingsDocument Settings,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
