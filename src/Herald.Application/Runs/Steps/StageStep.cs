using Herald.Core.Ports;
using Herald.Core.Runs;
using Microsoft.Extensions.Options;

namespace Herald.Application.Runs.Steps;

/// <summary>
/// Staging → submitting: every part's file is published on the file host with a URL that expires, then all are
/// recorded at once. Publishing is harmless to repeat; a file lost before it was published builds the audience again.
/// </summary>
internal sealed class StageStep(RunUpdater updater, IRunWorkspace workspace, IFileHost files, IOptions<RunEngineOptions> options, TimeProvider clock) : IRunStep
{
    public async Task RunAsync(Run run, CancellationToken cancellationToken)
    {
        // A crash after the comparison was recorded may have left its scratch files.
        workspace.DeleteWork(run.Id);
        var expires = clock.GetUtcNow() + options.Value.FileUrlLifetime;
        var staged = new List<StagedFile>();
        foreach (var part in run.Parts)
        {
            var fileName = StagedFileNames.Of(run.Id, part.Number, run.Parts.Count);
            var file = workspace.FindPartFile(run.Id, part.Number) is { } path
                ? await files.PublishAsync(path, fileName, expires, cancellationToken)
                // Published before a restart, but not yet recorded: publishing is what the step repeats.
                : await files.FindPublishedAsync(fileName, expires, cancellationToken);
            if (file is null)
            {
                await updater.UpdateAsync(run.Id, r => r.RestartBuild(clock.GetUtcNow(),
                    $"The file of '{part.SegmentName}' was not found (Herald restarted before staging it); building the audience again."), cancellationToken);
                return;
            }
            staged.Add(file);
        }
        await updater.UpdateAsync(run.Id, r => r.CompleteStaging(staged, clock.GetUtcNow()), cancellationToken);
    }
}
