using Herald.Core.Updates;

namespace Herald.Core.Runs;

/// <summary>The sentences a run's reasons are made of: what a comparison found, the layout uploaded, a report, a size.</summary>
internal static class RunReasons
{
    public static string Comparison(SegmentComparison comparison)
    {
        var segments = comparison.SegmentsBefore.Count == 1 ? $"the segment '{comparison.SegmentsBefore[0]}'" : $"the {comparison.SegmentsBefore.Count} segments of the last upload";
        var diff = comparison.Diff;
        var what = diff.Before == 0
            ? $"Insider One holds no values in {segments} yet: all {diff.Added:N0} are new"
            : $"Compared with {segments} in Insider One ({diff.Before:N0} values): {diff}";
        var forced = comparison.Forced && comparison.Mode == SegmentUpdateMode.Replace && diff.Removed > 0 ? " The run was forced past the shrink guard." : "";
        return $"{what} (update mode {comparison.Mode.ToWireName()}).{forced}";
    }

    public static string Layout(SegmentComparison? comparison, IReadOnlyList<SegmentPart> parts)
    {
        var layout = parts.Count == 1
            ? $"Uploading {parts[0].Values:N0} values as '{parts[0].SegmentName}'."
            : $"Uploading {parts.Sum(p => p.Values):N0} values as {parts.Count} segments, '{parts[0].SegmentName}' to '{parts[^1].SegmentName}'.";
        return comparison is null || comparison.SegmentsLeftBehind.Count == 0 ? layout
            : $"{layout} The audience needs a new layout: {string.Join(", ", comparison.SegmentsLeftBehind.Select(n => $"'{n}'"))} " +
              "will no longer be updated by Herald and keep their members in Insider One; remove them in InOne.";
    }

    public static string Report(SegmentReport report) =>
        $"{report.Valid:N0} valid and {report.Invalid:N0} invalid of {report.Total:N0} values";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.##} MB",
    };
}
