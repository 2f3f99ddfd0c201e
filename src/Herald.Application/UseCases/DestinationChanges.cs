using Herald.Core.Catalog;

namespace Herald.Application.UseCases;

/// <summary>Changes to a destination: a null field stays as it is (an empty description clears it).</summary>
/// <param name="Settings">A JSON merge patch over the stored settings: a member left out stays, a member set to null goes back to its default.</param>
/// <param name="TestConnection">Try the (new) credential against the destination before saving.</param>
/// <param name="AdminOnly">Admin only on or off; null keeps it.</param>
/// <param name="PiiAllowed">The PII setting on or off; null keeps it.</param>
public sealed record DestinationChanges(
    string? Plugin,
    string? Credential,
    SettingsDocument? Settings,
    string? Description,
    bool TestConnection = true,
    bool? AdminOnly = null,
    bool? PiiAllowed = null);
