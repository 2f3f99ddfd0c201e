using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// The checks between a comparison and an upload: the destination's file limit, room in the segment name for a part
/// suffix, and the shrink guard. Each stop says what was found; the edges say what to do from its remedy.
/// </summary>
internal sealed class UploadGuards(DestinationPlugins plugins)
{
    /// <summary>An audience over the file limit of a destination that may not split stops before anything else.</summary>
    public UploadStop? CheckAudienceSize(Run run, long bytes)
    {
        var plugin = plugins.For(run.Origin.Plugin);
        return !run.Origin.AllowSplit && bytes > plugin.MaxFileBytes ? TooLarge(plugin, bytes, "The audience file") : null;
    }

    public UploadStop? Check(Run run, SegmentComparisonResult result, int partCount, bool uploadedBefore)
    {
        var origin = run.Origin;
        var plugin = plugins.For(origin.Plugin);
        if (result.TooLarge)
        {
            return origin.AllowSplit
                ? new UploadStop(FailureKind.Destination,
                    $"The segment would take {FileSizes.Format(result.TotalBytes)}, more than {plugin.MaxParts} parts of {plugin.DisplayName}'s limit of " +
                    $"{FileSizes.Format(plugin.MaxFileBytes)} ({plugin.MaxFileBytesSetting}). Nothing was submitted. Narrow the query, or split the audience across several destinations.")
                : TooLarge(plugin, result.TotalBytes, origin.UpdateMode == SegmentUpdateMode.Add ? "The segment with the audience added" : "The audience file");
        }
        if (plugin.CheckLayout(origin.SegmentName, partCount) is { } layout)
        {
            return new UploadStop(FailureKind.Destination,
                $"The audience needs {partCount} parts, but the segment name '{origin.SegmentName}' leaves no room for the suffix '{layout.Suffix}' " +
                $"within {plugin.DisplayName}'s {layout.MaxLength} characters ('{layout.CutName}' would be cut). Nothing was submitted. " +
                $"Shorten the segment name to at most {layout.RoomForName} characters.",
                new RunRemedy(RunRemedyKind.ShortenSegmentName, layout.RoomForName));
        }
        // The guard keeps what Herald put in the segment: a segment Herald never uploaded to is either not its own
        // (the destination refuses the upload, saying so) or a first send.
        var diff = result.Diff;
        var guard = origin.ShrinkGuardShare ?? plugin.ShrinkGuardShare;
        if (origin.UpdateMode == SegmentUpdateMode.Replace && uploadedBefore && diff.RemovedShare > guard && !origin.Force)
        {
            var setting = origin.ShrinkGuardShare is null ? plugin.ShrinkGuardShareSetting : "the destination's shrink guard";
            return new UploadStop(FailureKind.ShrinkGuard,
                $"Stopped by the shrink guard: this update would remove {diff.Removed:N0} of the segment's {diff.Before:N0} members ({diff.RemovedShare * 100:0.#}%), " +
                $"more than the {guard * 100:0.#}% allowed ({setting}); it would add {diff.Added:N0} and keep {diff.Kept:N0}. Nothing was uploaded. " +
                "If the audience is right, run again forced past the guard; otherwise check the query.",
                new RunRemedy(RunRemedyKind.Force));
        }
        return null;
    }

    private static UploadStop TooLarge(IDestinationPlugin plugin, long bytes, string what) =>
        new(FailureKind.Destination,
            $"{what} is {FileSizes.Format(bytes)}, over {plugin.DisplayName}'s limit of {FileSizes.Format(plugin.MaxFileBytes)} ({plugin.MaxFileBytesSetting}). " +
            "Nothing was submitted. Narrow the query, or let the destination split the audience into numbered segments.",
            new RunRemedy(RunRemedyKind.AllowSplit));
}
