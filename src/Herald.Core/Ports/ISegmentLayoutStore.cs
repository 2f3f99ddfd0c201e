using Herald.Core.Updates;

namespace Herald.Core.Ports;

/// <summary>
/// Each destination's current segment layout, updated when the destination accepts a submission. The shrink guard
/// and the comparison read it to know what is in the segment now, however many runs came and failed since.
/// </summary>
public interface ISegmentLayoutStore
{
    /// <summary>The layout of the destination's segment; null when Herald never uploaded to it.</summary>
    Task<SegmentLayout?> FindAsync(Guid destinationId, string segmentName, CancellationToken cancellationToken);

    /// <summary>Replaces the layout of the destination's segment.</summary>
    Task SaveAsync(SegmentLayout layout, CancellationToken cancellationToken);
}
