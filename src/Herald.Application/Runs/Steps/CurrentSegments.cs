using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// What the destination holds now for a run's segment: the segments of its layout (the segment, or the parts of a
/// split audience), each downloaded to a file of the run's workspace, streaming.
/// </summary>
internal sealed class CurrentSegments(ISegmentGateway gateway, ISegmentLayoutStore layouts)
{
    public async Task<CurrentSegmentsResult> DownloadAsync(Run run, SegmentAccount account, ICallRecorder recorder, string workDirectory, CancellationToken cancellationToken)
    {
        var layout = await layouts.FindAsync(run.Origin.DestinationId, run.Origin.SegmentName, cancellationToken);
        IReadOnlyList<string> segments = layout?.Segments ?? [run.Origin.SegmentName];
        var files = new List<string?>();
        var existed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, index) in segments.Select((name, index) => (name, index)))
        {
            var path = Path.Combine(workDirectory, $"current-{index + 1}.csv");
            var download = await gateway.DownloadSegmentAsync(account, name, path, recorder, cancellationToken);
            var firstReplace = layout is null && run.Origin.UpdateMode == SegmentUpdateMode.Replace;
            if (download.Failed && firstReplace && (download.Presence != SegmentPresence.Exists || run.Origin.Force))
            {
                // Herald never uploaded to this segment and the destination could not even say whether it holds it (or the
                // person forced past the guard): nothing is known to guard and nothing to merge, so a first replace goes
                // ahead without the comparison, and the destination's answer to the upload says the rest.
                return new CurrentSegmentsResult(segments, [null], new Dictionary<string, bool>(), UploadedBefore: false, Unreadable: download, Failure: null);
            }
            if (download.Failed)
            {
                // A segment the destination holds but Herald cannot read could lose every member to this replace: the
                // guard cannot be checked, so the run stops rather than going ahead unguarded.
                var guardBlind = firstReplace && download.Presence == SegmentPresence.Exists;
                return new CurrentSegmentsResult(segments, files, existed, layout is not null, Unreadable: null, Failure: download, GuardBlind: guardBlind);
            }
            existed[name] = download.Presence == SegmentPresence.Exists;
            files.Add(download.Presence == SegmentPresence.Exists ? path : null);
        }
        return new CurrentSegmentsResult(segments, files, existed, layout is not null, Unreadable: null, Failure: null);
    }
}

/// <summary>
/// The segments before this run and their files (null for a segment the destination does not have); whether Herald
/// uploaded to them before; a first send's unreadable copy (the run goes on), or a download that stops the run, and
/// whether it stops because the shrink guard could not be checked (a first replace of a segment the destination holds).
/// </summary>
internal sealed record CurrentSegmentsResult(
    IReadOnlyList<string> Segments,
    IReadOnlyList<string?> Files,
    IReadOnlyDictionary<string, bool> Existed,
    bool UploadedBefore,
    SegmentDownload? Unreadable,
    SegmentDownload? Failure,
    bool GuardBlind = false);
