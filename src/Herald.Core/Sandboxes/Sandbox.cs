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
public sealed record Sandbox(
    Guid Id,
    string Name,
    string Owner,
    string Document,
    string Base,
    string SegmentPrefix,
    bool AllowFullSends,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
