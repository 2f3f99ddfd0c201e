namespace Herald.Server.Api;

/// <param name="UpdateMode"><c>replace</c> (default): each run makes the segment exactly the audience; <c>add</c>: members are never removed.</param>
/// <param name="AllowSplit">An audience over Insider One's file limit goes up as numbered segments ("Name 1/3") instead of failing.</param>
/// <param name="ShrinkGuardShare">This destination's shrink guard (0 to 1); null for the server's (Herald:InsiderOne:ShrinkGuardShare).</param>
/// <param name="SkipConnectionTest">Save without trying the credential against Insider One first (while it is down).</param>
public sealed record DestinationInput(
    string Name,
    string Credential,
    string SegmentName,
    string AttributeName,
    string? Description,
    string? UpdateMode = null,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null,
    bool SkipConnectionTest = false,
    bool AdminOnly = false,
    bool PiiAllowed = false);

/// <summary>Every field optional: what is null stays as it is. The (new) credential is tried unless <c>SkipConnectionTest</c>.</summary>
public sealed record DestinationUpdate(
    string? Credential,
    string? SegmentName,
    string? AttributeName,
    string? Description,
    string? UpdateMode = null,
    bool? AllowSplit = null,
    double? ShrinkGuardShare = null,
    bool SkipConnectionTest = false,
    bool? AdminOnly = null,
    bool? PiiAllowed = null);

/// <param name="AdminOnly">Only Operators and Administrators see and use it.</param>
/// <param name="PiiAllowed">The PII setting: users whose policy restricts personal data may still send to it.</param>
public sealed record DestinationView(
    Guid Id,
    string Name,
    Guid CredentialId,
    string CredentialName,
    string SegmentName,
    string AttributeName,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdateMode = "replace",
    bool AllowSplit = false,
    double? ShrinkGuardShare = null,
    bool AdminOnly = false,
    bool PiiAllowed = false);
