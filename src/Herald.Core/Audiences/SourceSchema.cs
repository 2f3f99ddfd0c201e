namespace Herald.Core.Audiences;

/// <summary>What a query over the customer 360 can read: its tables and views, by name, with their columns.</summary>
/// <param name="Shortened">Why the description stops before the last column (its size limit), or null when it is whole.</param>
public sealed record SourceSchema(IReadOnlyList<SourceTable> Tables, string? Shortened = null);
