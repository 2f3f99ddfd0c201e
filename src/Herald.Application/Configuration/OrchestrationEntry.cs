namespace Herald.Application.Configuration;

/// <summary>An orchestration, naming its destination, and what it sends: its own query, or a saved segment through an identifier column.</summary>
/// <param name="Query">The SQL whose one column is the audience, trimmed; empty when it sends <see cref="Segment"/>.</param>
public sealed record OrchestrationEntry(string Name, string Destination, string Query, bool AllowEmpty, string? Description) : ICatalogEntry
{
    public const string KindName = "orchestration";

    public string Kind => KindName;

    /// <summary>The saved segment it sends (by name), or null when it sends <see cref="Query"/>.</summary>
    public string? Segment { get; init; }

    /// <summary>The identity table's column sent for the segment's members, such as <c>email</c>; null without <see cref="Segment"/>.</summary>
    public string? IdentifierColumn { get; init; }

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("destination", Destination), ("query", Query.Length == 0 ? null : Query), ("allowEmpty", AllowEmpty ? "true" : "false"), ("description", Description),
            ("segment", Segment), ("identifierColumn", IdentifierColumn));
}
