using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Queued or building → comparing: the query runs read-only on the source, which writes the sendable values to the
/// run's workspace. A query the source refuses, or an empty audience not allowed, fails the run.
/// </summary>
internal sealed class BuildStep(RunUpdater updater, IRunWorkspace workspace, IAudienceSource source, DestinationPlugins plugins, TimeProvider clock) : IRunStep
{
    public async Task RunAsync(Run run, CancellationToken cancellationToken)
    {
        run = await updater.UpdateAsync(run.Id, r => r.StartBuilding(clock.GetUtcNow()), cancellationToken);
        var path = workspace.PrepareBuildPath(run.Id);
        AudienceCounts counts;
        try
        {
            var rule = plugins.For(run.Origin.Plugin).ValueRuleOf(run.Origin.AttributeName);
            counts = await source.BuildAsync(new AudienceQuery(run.Origin.Query, run.Origin.AttributeName, rule, run.Origin.SampleSize), path, cancellationToken);
        }
        catch (AudienceRejectedException rejected)
        {
            File.Delete(path);
            await updater.UpdateAsync(run.Id, r => r.Fail(FailureKind.Audience, rejected.Message, clock.GetUtcNow()), cancellationToken);
            return;
        }
        if (counts.ValuesSent == 0 && !run.Origin.AllowEmpty)
        {
            File.Delete(path);
            await updater.UpdateAsync(run.Id, r => r.FailEmptyBuild(counts,
                $"The query returned no values to send ({counts.RowsQueried:N0} rows, {counts.EmptyValues:N0} empty, {counts.SetAsideTotal:N0} set aside). " +
                "An empty audience never replaces a segment: check the query, or allow an empty audience explicitly.",
                clock.GetUtcNow()), cancellationToken);
            return;
        }
        await updater.UpdateAsync(run.Id, r => r.CompleteBuild(counts, clock.GetUtcNow()), cancellationToken);
    }
}
