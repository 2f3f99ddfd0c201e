namespace Herald.Core.Updates;

/// <summary>
/// What a destination that publishes segments means to the run engine, read from its settings by its plugin
/// (<see cref="Ports.IDestinationPlugin.RouteOf"/>): the run engine knows these, never the destination's own settings.
/// </summary>
/// <param name="SegmentName">The segment the audience becomes at the destination.</param>
/// <param name="AttributeName">The attribute the values are (email, phone_number, ...); the query's one column has this name.</param>
/// <param name="UpdateMode">How each run changes the segment the destination holds: replace it, or add to it.</param>
/// <param name="AllowSplit">An audience over the destination's file limit goes up as numbered segments instead of failing.</param>
/// <param name="ShrinkGuardShare">The largest share of the segment a replace may remove without being forced; null for the plugin's setting.</param>
public sealed record SegmentRoute(
    string SegmentName,
    string AttributeName,
    SegmentUpdateMode UpdateMode = SegmentUpdateMode.Replace,
    bool AllowSplit = false,
    double? ShrinkGuardShare = null);
