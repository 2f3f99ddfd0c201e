namespace Herald.Server.Api;

/// <summary>A result column that holds personal data and the marked columns it comes from.</summary>
public sealed record QueryPiiColumnView(string Column, IReadOnlyList<string> From);
