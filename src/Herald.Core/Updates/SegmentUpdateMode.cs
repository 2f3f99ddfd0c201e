namespace Herald.Core.Updates;

/// <summary>How a run changes a segment that Insider One already holds (insider-one.md section 4).</summary>
public enum SegmentUpdateMode
{
    /// <summary>The segment becomes exactly the current audience.</summary>
    Replace,

    /// <summary>The segment becomes what Insider One held plus the current audience: members are never removed.</summary>
    Add,
}

public static class SegmentUpdateModes
{
    public const string ReplaceName = "replace";
    public const string AddName = "add";

    /// <summary>The stored and displayed name: <c>replace</c> or <c>add</c>.</summary>
    public static string ToWireName(this SegmentUpdateMode mode) => mode == SegmentUpdateMode.Add ? AddName : ReplaceName;

    public static bool TryParse(string? name, out SegmentUpdateMode mode)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case ReplaceName:
                mode = SegmentUpdateMode.Replace;
                return true;
            case AddName:
                mode = SegmentUpdateMode.Add;
                return true;
            default:
                mode = SegmentUpdateMode.Replace;
                return false;
        }
    }

    public static string Describe(SegmentUpdateMode mode) => mode == SegmentUpdateMode.Add
        ? "add: the segment keeps its members and gains the audience's new ones"
        : "replace: the segment becomes exactly the audience";
}
