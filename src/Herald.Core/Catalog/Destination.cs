namespace Herald.Core.Catalog;

/// <summary>Where an audience goes, whatever the kind of destination: an account (the credential) and what to publish there.</summary>
/// <param name="Settings">
/// The settings the credential's plugin owns and validates (Insider One: the segment name, the attribute, the update
/// mode, splitting and the shrink guard).
/// </param>
public sealed record Destination(
    Guid Id,
    string Name,
    Guid CredentialId,
    SettingsDocument Settings,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
