using Herald.Core.Updates;

namespace Herald.Core.Catalog;

/// <summary>Where an audience goes: one first-party segment of one Insider One account.</summary>
/// <param name="UpdateMode">How each run changes the segment Insider One holds: replace it, or add to it.</param>
/// <param name="AllowSplit">An audience over Insider One's file limit goes up as numbered segments instead of failing.</param>
/// <param name="ShrinkGuardShare">The largest share of the segment a replace may remove without being forced; null for the server's setting.</param>
public sealed record Destination(
    Guid Id,
    string Name,
    Guid CredentialId,
    string SegmentName,
    string AttributeName,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SegmentUpdateMode UpdateMode = SegmentUpdateMode.Replace,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null);
