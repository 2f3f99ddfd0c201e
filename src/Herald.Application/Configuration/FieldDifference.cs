namespace Herald.Application.Configuration;

/// <summary>One field side by side; null on the side that does not have it.</summary>
public sealed record FieldDifference(string Field, string? Before, string? After);
