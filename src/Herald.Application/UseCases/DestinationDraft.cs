using Herald.Core.Catalog;

namespace Herald.Application.UseCases;

/// <summary>A destination to add, as a form or a request gives it; every field is checked.</summary>
/// <param name="Plugin">The plugin it sends to; null for the credential's.</param>
/// <param name="Credential">The credential's name or id.</param>
/// <param name="Settings">The settings the credential's plugin owns (Insider One: segment, attribute, update mode, splitting, shrink guard), checked by it.</param>
/// <param name="TestConnection">Try the credential against the destination before saving (a person may skip it while the destination is down).</param>
/// <param name="AdminOnly">Only Operators and Administrators (destination:admin-only) see and use it.</param>
/// <param name="PiiAllowed">The PII setting: callers whose policy restricts personal data may still send to it.</param>
public sealed record DestinationDraft(
    string? Name,
    string? Plugin,
    string? Credential,
    SettingsDocument Settings,
    string? Description,
    bool TestConnection = true,
    bool AdminOnly = false,
    bool PiiAllowed = false);
