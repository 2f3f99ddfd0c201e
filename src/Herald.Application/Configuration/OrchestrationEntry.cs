namespace Herald.Application.Configuration;

/// <summary>An orchestration, naming its destination.</summary>
/// <param name="Query">The SQL whose one column is the audience, trimmed.</param>
public sealed record OrchestrationEntry(string Name, string Destination, string Query, bool AllowEmpty, string? Description) : ICatalogEntry
{
    public const string KindName = "orchestration";

    public string Kind => KindName;

    public IReadOnlyDictionary<string, string> Fields() =>
        EntryFields.Of(("destination", Destination), ("query", Query), ("allowEmpty", AllowEmpty ? "true" : "false"), ("description", Description));
}
