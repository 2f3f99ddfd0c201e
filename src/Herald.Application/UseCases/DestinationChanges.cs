namespace Herald.Application.UseCases;

/// <summary>Changes to a destination: a null field stays as it is (an empty description clears it).</summary>
/// <param name="ClearShrinkGuardShare">Go back to the server's shrink guard.</param>
/// <param name="TestConnection">Try the (new) credential against the destination before saving.</param>
public sealed record DestinationChanges(
    string? Plugin,
    string? Credential,
    string? SegmentName,
    string? AttributeName,
    string? Description,
    string? UpdateMode = null,
    bool? AllowSplit = null,
    double? ShrinkGuardShare = null,
    bool ClearShrinkGuardShare = false,
    bool TestConnection = true);
