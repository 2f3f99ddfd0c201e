using System.Text.Json.Serialization;

namespace Herald.Simulator.Api;

/// <summary><c>{"fileUrl": "..."}</c>, the answer of the (assumed) download call.</summary>
internal sealed record FileUrlBody([property: JsonPropertyName("fileUrl")] string FileUrl);
