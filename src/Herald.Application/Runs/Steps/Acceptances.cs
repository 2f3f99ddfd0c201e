using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Updates;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Records that the destination accepted a part, and with it the layout the destination's segment has from now on:
/// the fact the next run's comparison and shrink guard start from.
/// </summary>
internal sealed class Acceptances(RunUpdater updater, ISegmentLayoutStore layouts, DestinationPlugins plugins)
{
    public async Task AcceptAsync(Run run, int partNumber, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var deadline = now + plugins.For(run.Origin.Plugin).ReportTimeout;
        await updater.UpdateAsync(run.Id, r => r.AcceptSubmission(partNumber, now, deadline, reason), cancellationToken);
        await layouts.SaveAsync(new SegmentLayout(run.Origin.DestinationId, run.Origin.SegmentName, [.. run.Parts.Select(p => p.SegmentName)], run.Id, now), cancellationToken);
    }
}
