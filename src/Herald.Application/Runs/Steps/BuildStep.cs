using Herald.Application.Pii;
using Herald.Core.Audiences;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Queued or building → comparing: the query runs read-only on the source, which writes the sendable values to the
/// run's workspace. A query the source refuses, or an empty audience not allowed, fails the run. A built audience's
/// history says whether it is personal data and which rule decided (<see cref="PiiCatalog"/>).
/// </summary>
internal sealed class BuildStep(RunUpdater updater, IRunWorkspace workspace, IAudienceSource source, PiiCatalog pii, DestinationPlugins plugins, TimeProvider clock) : IRunStep
{
    public async Task RunAsync(Run run, CancellationToken cancellationToken)
    {
        run = await updater.UpdateAsync(run.Id, r => r.StartBuilding(clock.GetUtcNow()), cancellationToken);
        var path = workspace.PrepareBuildPath(run.Id);
        AudienceCounts counts;
        try
        {
            var rule = plugins.For(run.Origin.Plugin).ValueRuleOf(run.Origin.AttributeName);
            counts = await source.BuildAsync(new AudienceQuery(run.Origin.Query, run.Origin.AttributeName, rule), path, cancellationToken);
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
        var piiRule = await PiiRuleAsync(run.Origin, cancellationToken);
        await updater.UpdateAsync(run.Id, r => r.CompleteBuild(counts, clock.GetUtcNow()), cancellationToken);
        await updater.UpdateAsync(run.Id, r => r.Note(clock.GetUtcNow(), $"Personal data: {piiRule}"), cancellationToken);
    }

    private async Task<string> PiiRuleAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        try
        {
            return (await pii.ClassifyAsync(origin.Query, ["the audience's column"], origin.AttributeName, cancellationToken)).Rule;
        }
        catch (AudienceRejectedException)
        {
            // The query ran a moment ago; a parse that fails now is treated as PII, the safe side.
            return "treated as PII: its query could not be traced to its columns.";
        }
    }
}
