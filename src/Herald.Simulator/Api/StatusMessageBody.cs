using System.Text.Json.Serialization;

namespace Herald.Simulator.Api;

/// <summary><c>{"statusMessage": "..."}</c>, the shape of most of Insider One's answers.</summary>
internal sealed record StatusMessageBody([property: JsonPropertyName("statusMessage")] string StatusMessage);
