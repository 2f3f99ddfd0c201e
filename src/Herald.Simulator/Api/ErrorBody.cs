using System.Text.Json.Serialization;

namespace Herald.Simulator.Api;

/// <summary><c>{"error": "..."}</c>, the shape of the 405 and 429 answers.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("error")] string Error);
