namespace Herald.Core.Sandboxes;

/// <summary>
/// A named copy of production's configuration to try changes in before they reach production: never data and never
/// secrets. Both documents are configuration files (the text <c>herald config export</c> writes): what the sandbox
/// holds, and production as it was when the sandbox was copied or last pulled (the base that tells a change made in
/// the sandbox from one made in production meanwhile).
/// </summary>
/// <param name="Owner">The user who created it; only they and sandbox administrators see it.</param>
/// <param name="Document">The sandbox's configuration.</param>
/// <param name="Base">Production's configuration when copied or last pulled.</param>
/// <param name="SegmentPrefix">What the segment names of the sandbox's runs start with, so they never overwrite a production segment.</param>
/// <param name="AllowFullSends">Whether an administrator allowed the sandbox's runs to send whole audiences, not only test ones.</param>
/// <param name="CopiedSecrets">
/// The names of the sandbox's credentials whose runs an administrator allowed to use the secrets of production's credential
/// of the same name (migration 16).
/// </param>
/// <param name="OwnSecrets">
/// The names of the sandbox's credentials with secrets entered in the sandbox itself (migration 18), read from the
/// store and never saved through this record; a sandbox credential in neither list has no secret.
/// </param>
public sealed record Sandbox(
    Guid Id,
    string Name,
    string Owner,
    string Document,
    string Base,
    string SegmentPrefix,
    bool AllowFullSends,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? CopiedSecrets = null,
    IReadOnlyList<string>? OwnSecrets = null)
{
    /// <summary>Whether a secret of the credential named so was entered in the sandbox itself.</summary>
    public bool HasOwnSecret(string credentialName) =>
        OwnSecrets?.Contains(credentialName, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>Whether production's secrets of the credential named so were copied into the sandbox.</summary>
    public bool HasCopiedSecret(string credentialName) =>
        CopiedSecrets?.Contains(credentialName, StringComparer.OrdinalIgnoreCase) == true;
}
