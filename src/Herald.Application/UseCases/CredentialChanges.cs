using Herald.Core.Catalog;

namespace Herald.Application.UseCases;

/// <summary>Changes to a credential: a null field stays as it is; a secret given rotates it (an empty description clears it).</summary>
/// <param name="Settings">A JSON merge patch over the stored settings (a member left out stays); null for no change.</param>
/// <param name="Secrets">The secrets to rotate; the others stay as stored. <see cref="SecretValues"/> never prints them.</param>
public sealed record CredentialChanges(SettingsDocument? Settings, SecretValues Secrets, string? Description);
