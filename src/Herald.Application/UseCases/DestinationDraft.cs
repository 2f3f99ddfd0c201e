namespace Herald.Application.UseCases;

/// <summary>A destination to add, as a form or a request gives it; every field is checked.</summary>
/// <param name="Plugin">The plugin it sends to; null for the credential's.</param>
/// <param name="Credential">The credential's name or id.</param>
/// <param name="UpdateMode"><c>replace</c> (null) or <c>add</c>.</param>
/// <param name="ShrinkGuardShare">The destination's own shrink guard (0 to 1); null for the server's.</param>
/// <param name="TestConnection">Try the credential against the destination before saving (a person may skip it while the destination is down).</param>
public sealed record DestinationDraft(
    string? Name,
    string? Plugin,
    string? Credential,
    string? SegmentName,
    string? AttributeName,
    string? Description,
    string? UpdateMode = null,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null,
    bool TestConnection = true);
