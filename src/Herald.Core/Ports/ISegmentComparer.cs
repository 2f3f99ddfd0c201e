using Herald.Core.Audiences;
using Herald.Core.Updates;

namespace Herald.Core.Ports;

/// <summary>
/// Compares what Insider One holds with the new audience, file against file, at the speed of an engine:
/// the values never pass through Herald's memory. It also writes the file (or files) to upload.
/// </summary>
public interface ISegmentComparer
{
    Task<SegmentComparisonResult> CompareAsync(SegmentComparisonRequest request, CancellationToken cancellationToken);

    /// <summary>Whether two one-column files hold the same set of values (order does not matter).</summary>
    Task<bool> HoldSameValuesAsync(string firstCsv, string secondCsv, CancellationToken cancellationToken);
}

/// <summary>
/// One comparison. <paramref name="CurrentParts"/> are the files of the segment(s) Insider One holds now, in
/// part order (one file for an unsplit segment; null for a part Insider One does not have). The
/// <paramref name="AudienceCsv"/> holds distinct values, one per line, as the build step writes them.
/// </summary>
/// <param name="MaxPartBytes">Insider One's file size limit; no part is written over it.</param>
/// <param name="AllowSplit">When false the result is one part, or <see cref="SegmentComparisonResult.TooLarge"/>.</param>
/// <param name="OutputDirectory">Where the parts are written, as <c>part-{n}.csv</c>.</param>
public sealed record SegmentComparisonRequest(
    IReadOnlyList<string?> CurrentParts,
    string AudienceCsv,
    SegmentUpdateMode Mode,
    long MaxPartBytes,
    bool AllowSplit,
    string OutputDirectory,
    int SampleSize = SegmentDiffSample.DefaultSize)
{
    /// <summary>A new layout fills its parts to this share of the limit, so that the audience can grow a while before the layout must change.</summary>
    public double NewLayoutFill { get; init; } = 0.8;

    /// <summary>The most parts the destination's naming allows (IDestinationPlugin.MaxParts); over it the result is too large.</summary>
    public int MaxParts { get; init; } = 99;

    /// <summary>
    /// Whether the destination's current values must pass the audience's rules to count as members (and so be merged
    /// and re-sent): the CSV's own rules, and <see cref="CurrentValueRules"/>. False takes them as they are.
    /// </summary>
    public bool CheckCurrentValues { get; init; }

    /// <summary>The destination's rule for the attribute's values, when <see cref="CheckCurrentValues"/>; null for any non-empty text.</summary>
    public ValueRule? CurrentValueRules { get; init; }
}

/// <summary>
/// The difference, a sample of it, and the parts to upload. <see cref="LayoutKept"/> is true when the parts
/// are the same segments as before (no value moved between them); false when the audience needed a new
/// layout (first split, more parts, or back to one segment).
/// </summary>
public sealed record SegmentComparisonResult(
    SegmentDiff Diff,
    SegmentDiffSample Sample,
    IReadOnlyList<ComparedPart> Parts,
    bool LayoutKept,
    long TotalValues,
    long TotalBytes)
{
    /// <summary>The result does not fit: one file over the limit without splitting, or more parts than allowed. Nothing was written.</summary>
    public bool TooLarge => Parts.Count == 0;
}

/// <summary>One file to upload: its part number (from 1), its values and bytes, and its own difference against the segment of that number before.</summary>
public sealed record ComparedPart(int Number, string File, long Values, long Bytes, SegmentDiff Diff);
