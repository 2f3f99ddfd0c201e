namespace Herald.Core.Updates;

/// <summary>
/// The segments a destination's audience is in at the destination, as its last accepted upload left them: the
/// segment itself, or the numbered parts of a split audience. Kept per destination and segment name (a test send
/// to a segment of its own has its own layout).
/// </summary>
/// <param name="Segments">The segment names in part order; at least one.</param>
/// <param name="RunId">The run whose accepted submission set the layout.</param>
public sealed record SegmentLayout(Guid DestinationId, string SegmentName, IReadOnlyList<string> Segments, Guid RunId, DateTimeOffset UpdatedAt);
