namespace Herald.InsiderOne;

/// <summary>
/// Insider One's part suffix rule: names of the numbered segments a split audience is uploaded as: "VIP customers 1/3", "VIP customers 2/3"...
/// The suffix must fit within Insider One's 40 characters; a name is never cut to make room.
/// </summary>
public static class SegmentParts
{
    /// <summary>Beyond 99 parts the suffix would need more room than any destination's check reserved.</summary>
    public const int MaxParts = 99;

    /// <summary>
    /// The room a split destination's segment name keeps free: the longest suffix a run can need, " 99/99". The
    /// number of parts is known only when a run has built its audience, so the name is checked when it is saved.
    /// </summary>
    public static readonly int ReservedSuffixLength = SuffixOf(MaxParts, MaxParts).Length;

    /// <summary>The segment names of a layout of <paramref name="count"/> parts; one part keeps the plain name.</summary>
    public static IReadOnlyList<string> NamesOf(string segmentName, int count) =>
        count <= 1 ? [segmentName] : [.. Enumerable.Range(1, count).Select(number => NameOf(segmentName, number, count))];

    public static string NameOf(string segmentName, int number, int count) =>
        count <= 1 ? segmentName : $"{segmentName} {number}/{count}";

    public static string SuffixOf(int number, int count) => $" {number}/{count}";
}
