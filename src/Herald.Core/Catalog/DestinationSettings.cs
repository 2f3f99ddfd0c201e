namespace Herald.Core.Catalog;

/// <summary>The settings of a destination that its plugin checks: where the values go and what they are.</summary>
/// <param name="SegmentName">The segment the audience becomes at the destination.</param>
/// <param name="AttributeName">The attribute the values are (email, phone_number, ...); the query's one column has this name.</param>
/// <param name="AllowSplit">An audience over the destination's file limit may go up as numbered segments.</param>
public sealed record DestinationSettings(string? SegmentName, string? AttributeName, bool AllowSplit);
