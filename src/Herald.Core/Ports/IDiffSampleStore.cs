using Herald.Core.Updates;

namespace Herald.Core.Ports;

/// <summary>
/// The sample of values a run added, removed and kept. It is personal data, so it is kept apart from the run's
/// record (which lists, searches and exports show) and served only on its own request.
/// </summary>
public interface IDiffSampleStore
{
    Task SaveAsync(Guid runId, SegmentDiffSample sample, CancellationToken cancellationToken);

    /// <summary>The run's sample; null when the run saved none.</summary>
    Task<SegmentDiffSample?> ReadAsync(Guid runId, CancellationToken cancellationToken);
}
