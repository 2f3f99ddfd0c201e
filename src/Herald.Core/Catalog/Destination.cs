namespace Herald.Core.Catalog;

/// <summary>Where an audience goes, whatever the kind of destination: an account (the credential) and what to publish there.</summary>
/// <param name="Settings">
/// The settings the credential's plugin owns and validates (Insider One: the segment name, the attribute, the update
/// mode, splitting and the shrink guard).
/// </param>
/// <param name="AdminOnly">Admin only (access.md): only callers allowed <c>destination:admin-only</c> (Operators, Administrators) see and use it.</param>
/// <param name="PiiAllowed">
/// The PII setting (access.md, "limited access to PII for this destination"): callers whose policy restricts personal data
/// may still send to it. Off by default: the destination is for those allowed to see PII.
/// </param>
public sealed record Destination(
    Guid Id,
    string Name,
    Guid CredentialId,
    SettingsDocument Settings,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AdminOnly = false,
    bool PiiAllowed = false);
