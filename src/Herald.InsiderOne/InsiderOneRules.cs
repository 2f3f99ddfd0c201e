using System.Text.RegularExpressions;


namespace Herald.InsiderOne;

/// <summary>
/// The rules Insider One puts on names (insider-one.md section 2), checked when a credential or destination is saved
/// so that a bad name is refused at once instead of failing a run an hour later. Herald's own rules on names are in
/// Herald.Core.Catalog.CatalogRules.
/// </summary>
public static partial class InsiderOneRules
{
    /// <summary>Insider One's longest segment name, in characters.</summary>
    public const int MaxSegmentNameLength = 40;

    public static IReadOnlyList<string> CheckSegmentName(string? segmentName)
    {
        if (string.IsNullOrWhiteSpace(segmentName))
        {
            return ["The segment name is empty: give the name the segment should have in Insider One."];
        }
        if (segmentName.Length > MaxSegmentNameLength)
        {
            return [$"The segment name '{segmentName}' has {segmentName.Length} characters; Insider One allows at most {MaxSegmentNameLength}. Shorten it."];
        }
        if (segmentName != segmentName.Trim())
        {
            return [$"The segment name '{segmentName}' starts or ends with spaces; remove them."];
        }
        return [];
    }

    /// <summary>
    /// A split destination's name keeps room for the longest part suffix (" 99/99"), which never cuts the name: a name
    /// that fits " 1/3" but not " 10/12" would fail only on the day the audience first needs ten parts.
    /// </summary>
    public static IReadOnlyList<string> CheckSplitSegmentName(string? segmentName, bool allowSplit)
    {
        var reserved = SegmentParts.ReservedSuffixLength;
        var room = MaxSegmentNameLength - reserved;
        if (!allowSplit || segmentName is null || segmentName.Length <= room)
        {
            return [];
        }
        var left = Math.Max(0, MaxSegmentNameLength - segmentName.Length);
        return [$"The segment name '{segmentName}' has {segmentName.Length} characters, which leaves {left} of Insider One's {MaxSegmentNameLength} " +
                $"for the part suffix of a split audience; a destination that may split its audience needs room for a part suffix of up to {reserved} " +
                $"(' 1/3', ' 10/12', up to '{SegmentParts.SuffixOf(SegmentParts.MaxParts, SegmentParts.MaxParts)}'): " +
                $"shorten it to at most {room} characters, or do not allow splitting."];
    }

    public static IReadOnlyList<string> CheckAttributeName(string? attributeName)
    {
        if (string.IsNullOrWhiteSpace(attributeName))
        {
            return ["The attribute name is empty: name the Insider One attribute the values match, such as 'email'."];
        }
        if (!AttributeName().IsMatch(attributeName))
        {
            var suggestion = Suggest(attributeName);
            return [$"The attribute name '{attributeName}' must be lowercase letters, digits and '_' without spaces (Insider One's naming rule); did you mean '{suggestion}'?"];
        }
        return [];
    }

    public static IReadOnlyList<string> CheckPartnerName(string? partnerName)
    {
        if (string.IsNullOrWhiteSpace(partnerName))
        {
            return ["The partner name is empty: give your Insider One partner name (InOne > Settings > Account)."];
        }
        if (partnerName != partnerName.ToLowerInvariant() || partnerName.Any(char.IsWhiteSpace))
        {
            return [$"The partner name '{partnerName}' must be lowercase without spaces, as Insider One expects it; use '{partnerName.Trim().ToLowerInvariant()}'."];
        }
        return [];
    }

    public static IReadOnlyList<string> CheckApiToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return ["The API token is empty: create a 'First Party Segment' key in InOne and give it to Herald."];
        }
        if (token.Any(char.IsWhiteSpace) || token.Any(char.IsControl))
        {
            return ["The API token contains spaces or control characters; copy it again without them."];
        }
        return [];
    }

    private static string Suggest(string attributeName) =>
        string.Join('_', attributeName.Trim().ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex AttributeName();
}
